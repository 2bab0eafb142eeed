"""Programs a DDS over SPI: a frequency scan at a fixed amplitude, each
step set on the chip's registers and applied by an IO_UPDATE pulse."""

from artiq.experiment import *
from artiq.coredevice.ad99xx import ASF_MAX


class DDSScan(EnvExperiment):
    """A frequency scan on a DDS programmed over SPI."""

    def build(self):
        self.setattr_device("core")
        self.setattr_device("dds0")
        self.setattr_argument("f_start", NumberValue(80*MHz, unit="MHz"))
        self.setattr_argument("f_step", NumberValue(10*MHz, unit="MHz"))
        self.setattr_argument("n_steps", NumberValue(3, precision=0, step=1, type="int"))
        self.setattr_argument("amplitude", NumberValue(0.5))
        self.setattr_argument("dwell", NumberValue(10*us, unit="us"))
        self.kernel_invariants = {"n_steps", "amplitude"}

    @kernel
    def run(self):
        self.core.break_realtime()
        self.dds0.init()
        for i in range(self.n_steps):
            f = self.f_start + i*self.f_step
            self.dds0.set(f, amplitude=self.amplitude)
            delay(self.dwell)
        self.dds0.set_mu(int64(0), asf=ASF_MAX >> 1)
        print("ftw", self.dds0.frequency_to_ftw(self.f_start), "asf", self.dds0.amplitude_to_asf(self.amplitude))
