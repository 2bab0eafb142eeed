# A Rabi scan with TTLs: the build() takes devices (behind aliases),
# arguments and datasets, and derives timings from them.

from artiq.experiment import *
import numpy as np

from scan_helpers import N_DETECT, span_step


class RabiScan(EnvExperiment):
    """Scan the drive pulse length; detect with a PMT behind an alias chain."""

    n_points: KernelInvariant[int32]
    kernel_invariants = {"t_cool", "detect_channels"}
    pulse_gap = 1e-06

    def build(self):
        self.setattr_device("core")
        self.setattr_device("led")
        self.setattr_device("cooling")
        self.pmt = self.get_device("pmt")
        self.setattr_device("scheduler")
        self.setattr_argument("t_pulse", NumberValue(2 * us, unit="us", precision=3, min=0.0))
        self.setattr_argument("n_points", NumberValue(5, precision=0, step=1))
        self.setattr_argument("scan_span", NumberValue(4e-6, unit="us"))
        self.setattr_argument("detect", BooleanValue(True))
        self.setattr_argument("mode", EnumerationValue(["fast", "slow"], "fast"))
        self.setattr_argument("label", StringValue("rabi"))
        self.setattr_dataset("cooling_time", 10 * us)
        self.detect_threshold = self.get_dataset("detect_threshold", 3)
        self.calib = self.get_dataset("calib")
        self.t_cool = self.cooling_time
        self.t_step = span_step(self.scan_span, self.n_points)
        self.durations = [self.t_pulse + i * self.t_step for i in range(self.n_points)]
        self.t_total = self.t_cool + sum(self.durations) + self.n_points * self.pulse_gap
        self.detect_channels = [self.pmt.channel] * N_DETECT
        self.ttls = [self.led, self.cooling]
        self.kernel_invariants |= {"ttls"}
        self.kernel_invariants.add("mode")
        self.name = "%s_%02d" % (self.label, self.n_points)
        self.title = "{}: {} points, {:.1f} us".format(self.label, self.n_points, self.t_pulse / us)
        self.freqs = np.linspace(1 * MHz, 2 * MHz, self.n_points)
        self.window = np.zeros(80)
        self.flags = (self.detect, 3, "x")
        self.nothing = None
        self.settings = {"mode": self.mode}
        self.detection = Detection(self, 4)
        self.channels = [Channel(self.led, 0.5), Channel(self.cooling, 1.5)]
        self.helper = Helper()

    def prepare(self):
        self.t_pulse_mu = self.core.seconds_to_mu(self.t_pulse)

    @kernel
    def run(self):
        self.core.reset()
        for t in self.durations:
            self.cooling.pulse(self.t_cool)
            self.led.pulse(t)
            self.pmt.gate_rising(self.t_pulse)


class Detection(HasEnvironment):
    """A sub-component: counts PMT events into bins."""

    def build(self, n_bins):
        self.setattr_device("pmt")
        self.n_bins = n_bins
        self.bins = [0] * n_bins
        self.t_bin = self.get_argument("t_bin", NumberValue(1e-6, unit="us"))

    @kernel
    def count(self):
        for i in range(self.n_bins):
            self.pmt.gate_rising(self.t_bin)


class Channel:
    """A kernel object that is not a device."""

    kernel_invariants = {"ttl", "gain"}

    def __init__(self, ttl, gain):
        self.ttl = ttl
        self.gain = gain

    @kernel
    def fire(self):
        self.ttl.pulse(1e-6)


class Helper:
    """Host-only: kernels cannot use it."""

    def __init__(self):
        self.table = {}
