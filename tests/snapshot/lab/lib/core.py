# The core device driver: host __init__ (from device_db.py), kernel
# methods that move the timeline cursor.

from artiq.language.core import kernel


class Core:
    kernel_invariants = {"ref_period", "ref_multiplier", "coarse_ref_period"}

    def __init__(self, dmgr, host, ref_period, ref_multiplier=8):
        self.host = host
        self.ref_period = ref_period
        self.ref_multiplier = ref_multiplier
        self.coarse_ref_period = ref_period * ref_multiplier

    @kernel
    def reset(self):
        # Start the timeline a fixed slack after the current counter.
        at_mu(rtio_get_counter() + 125000)

    @kernel
    def break_realtime(self):
        min_now = rtio_get_counter() + 125000
        if now_mu() < min_now:
            at_mu(min_now)
