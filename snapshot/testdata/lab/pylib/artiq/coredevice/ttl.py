# TTL drivers for the rules_artiq test lab, in ARTIQ's legacy style.

import numpy

from artiq.language.core import kernel


class TTLOut:
    kernel_invariants = {"core", "channel", "target_o"}

    def __init__(self, dmgr, channel, core_device="core"):
        self.core = dmgr.get(core_device)
        self.channel = channel
        self.target_o = channel << 8

    @kernel
    def on(self):
        rtio_output(self.target_o, 1)

    @kernel
    def off(self):
        rtio_output(self.target_o, 0)

    @kernel
    def pulse(self, duration):
        self.on()
        delay(duration)
        self.off()


class TTLInOut:
    def __init__(self, dmgr, channel, gate_latency_mu=None, core_device="core"):
        self.core = dmgr.get(core_device)
        self.channel = channel
        if gate_latency_mu is None:
            gate_latency_mu = numpy.int64(1.5 * self.core.ref_multiplier)
        self.gate_latency_mu = gate_latency_mu
        self.target_o = channel << 8
        self.target_sens = (channel << 8) | 2
        self.kernel_invariants = {"core", "channel", "gate_latency_mu", "target_o", "target_sens"}

    @kernel
    def gate_rising(self, duration):
        rtio_output(self.target_sens, 1)
        delay(duration)
        rtio_output(self.target_sens, 0)
