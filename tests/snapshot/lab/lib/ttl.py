# TTL output driver: host __init__ (from device_db.py), kernel methods.
#
# A TTL output changes level on one RTIO write to address 0 of its
# channel: data 1 drives the line high, data 0 low.

from artiq.language.core import kernel


class TTLOut:
    kernel_invariants = {"channel", "core"}

    def __init__(self, dmgr, channel, core_device="core"):
        self.core = dmgr.get(core_device)
        self.channel = channel
        self.target_o = channel << 8
        self.pulses = 0

    @kernel
    def set_o(self, level: bool):
        rtio_output(self.target_o, 1 if level else 0)

    @kernel
    def on(self):
        self.set_o(True)

    @kernel
    def off(self):
        self.set_o(False)

    @kernel
    def pulse_mu(self, duration: int64):
        self.on()
        delay_mu(duration)
        self.off()
        self.pulses += 1

    @kernel
    def pulse(self, duration: float):
        self.on()
        delay(duration)
        self.off()
        self.pulses += 1
