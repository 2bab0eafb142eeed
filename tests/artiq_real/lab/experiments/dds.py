"""A DDS programmed over SPI: an Urukul CPLD and its AD9910 channel, with
ARTIQ's own urukul and ad9910 drivers (tools/check_artiq.sh). Not blind:
the CPLD's and the DDS's read-backs come from dds.inputs.csv."""

from artiq.experiment import *


class DDS(EnvExperiment):
    """A DDS programmed over SPI (Urukul AD9910)."""

    def build(self):
        self.setattr_device("core")
        self.setattr_device("dds0")

    @kernel
    def run(self):
        self.core.break_realtime()
        self.dds0.cpld.init()
        self.dds0.init()
        self.dds0.set(100*MHz)
        self.dds0.set_att(6.*dB)
        self.dds0.sw.on()
        delay(1*ms)
        self.dds0.sw.off()
