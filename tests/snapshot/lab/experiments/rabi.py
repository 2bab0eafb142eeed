# A Rabi-style pulse sequence on TTLs: cooling, a drive pulse of a
# scanned length, detection strobes. The kernel reads devices, arguments
# and datasets through self; n_points and the detection TTL are kernel
# invariants (folded into the code), the rest are link-time data.

from artiq.experiment import *


class Rabi(EnvExperiment):
    def build(self):
        self.setattr_device("core")
        self.setattr_device("led")
        self.setattr_device("shutter")
        self.setattr_device("ttl2")
        self.setattr_argument("n_points", NumberValue(3, precision=0, step=1, type="int"))
        self.setattr_argument("t_drive", NumberValue(2 * us, unit="us"))
        self.setattr_argument("t_step", NumberValue(500 * ns, unit="us"))
        self.setattr_dataset("t_cool", 5 * us)
        self.detect_mu = self.get_dataset("detect_mu", 40)
        self.gap = 1 * us
        self.label = "rabi"
        self.counts = [0] * self.n_points
        self.kernel_invariants = {"n_points", "ttl2", "label"}

    @kernel
    def detect(self):
        for _ in range(2):
            self.ttl2.pulse_mu(int64(self.detect_mu))
            delay_mu(int64(self.detect_mu))

    @kernel
    def run(self):
        self.core.reset()
        for i in range(self.n_points):
            self.shutter.pulse(self.t_cool)
            delay(self.gap)
            self.led.pulse(self.t_drive + i * self.t_step)
            self.detect()
            self.counts[i] = self.ttl2.pulses
            delay(self.gap)
        print(self.label, self.counts, self.led.pulses)
