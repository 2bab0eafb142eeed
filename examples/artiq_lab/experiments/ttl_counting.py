"""Gated photon counting: a probe pulse of increasing length at each point,
with the PMT's gate open around it, counting the rising edges it lets
through. Written against ARTIQ's drivers, in ARTIQ's legacy style."""

import logging

import numpy as np

from artiq.experiment import *


logger = logging.getLogger(__name__)


class TTLCounting(EnvExperiment):
    """Probe pulses with gated counting."""

    def build(self):
        self.setattr_device("core")
        self.setattr_device("probe")
        self.setattr_device("repump")
        self.setattr_device("pmt")
        self.setattr_argument("n_points", NumberValue(3, precision=0, step=1, type="int"))
        self.setattr_argument("t_probe", NumberValue(2*us, unit="us"))
        self.setattr_argument("t_step", NumberValue(1*us, unit="us"))
        self.gate_margin_mu = np.int64(100)
        self.counts = [0]*self.n_points
        self.kernel_invariants = {"n_points"}
        self.kernel_invariants.add("gate_margin_mu")

    def prepare(self):
        self.kernel_invariants |= {"t_step"}

    def analyze(self):
        logger.info("counts: %s", self.counts)

    @kernel
    def cool(self):
        self.repump.pulse(5*us)
        delay(1*us)

    @kernel
    def point(self, i: TInt32) -> TInt32:
        t_probe = self.t_probe + i*self.t_step
        gate_mu = self.core.seconds_to_mu(t_probe) + 2*self.gate_margin_mu
        with parallel:
            t_end = self.pmt.gate_rising_mu(gate_mu)
            with sequential:
                delay_mu(self.gate_margin_mu)
                self.probe.pulse(t_probe)
        return self.pmt.count(t_end)

    @kernel
    def run(self):
        self.core.reset()
        self.pmt.input()
        delay(1*us)
        for i in range(self.n_points):
            self.cool()
            self.counts[i] = self.point(i)
            self.core.break_realtime()
        t = int64(now_mu())
        print("counts", self.counts, "at", self.core.mu_to_seconds(t) > 0.0)
