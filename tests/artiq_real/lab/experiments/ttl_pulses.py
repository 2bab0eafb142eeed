"""TTL pulses with gated counting, written as ARTIQ users write
experiments, against ARTIQ's own drivers (tools/check_artiq.sh)."""

from artiq.experiment import *


class TTLPulses(EnvExperiment):
    """TTL pulses with gated counting."""

    def build(self):
        self.setattr_device("core")
        self.setattr_device("ttl_out")
        self.setattr_device("ttl_in")
        self.setattr_device("ttl2")

    @kernel
    def run(self):
        self.core.reset()
        self.ttl_in.input()
        delay(10*us)
        for i in range(3):
            self.ttl_out.pulse(10*us)
            delay(5*us)
        self.ttl2.on()
        t_end = self.ttl_in.gate_rising(1*ms)
        n = self.ttl_in.count(t_end)
        self.ttl2.off()
        print("counts", n)
