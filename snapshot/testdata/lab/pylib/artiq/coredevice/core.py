# The core device driver (host side and kernel side), written for the
# rules_artiq test lab in ARTIQ's legacy style.

import numpy

from artiq.language.core import kernel, portable


class Core:
    kernel_invariants = {"core", "ref_period", "coarse_ref_period", "ref_multiplier", "target"}

    def __init__(self, dmgr, host, ref_period, ref_multiplier=8, target="rv32g"):
        self.core = self
        self.host = host
        self.ref_period = ref_period
        self.ref_multiplier = ref_multiplier
        self.coarse_ref_period = ref_period * ref_multiplier
        self.target = target

    @portable
    def seconds_to_mu(self, seconds):
        return numpy.int64(round(seconds / self.ref_period))

    @kernel
    def reset(self):
        pass
