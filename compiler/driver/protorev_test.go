package driver

import (
	"strings"
	"testing"
)

// Constructs of the newer legacy drivers (ARTIQ 7-9; rules/artiq_sources.md):
// a version helper object that the constructor makes (`self.version =
// Rev2()`, a class that says nothing of being a host class), with class
// constants read through the class (`Rev2.CFG_GO`), a `@staticmethod
// @portable` helper that host code calls, `@abstractmethod` stacked on
// `@kernel`, methods that take the driver as an unannotated parameter and
// get its type from their callers in another class, an int64 register
// passed to a parameter that nothing declared (the bus's `write(data)`),
// and ARTIQ's exception parameters (`ValueError("bad {}", ch)`).
const revSrc = `from abc import abstractmethod
from numpy import int32, int64
from artiq.language.core import kernel, portable, syscall
from artiq.language.types import TInt32, TInt64, TNone


@syscall(flags={"nowrite"})
def rtio_output(target: TInt32, data: TInt32) -> TNone:
    raise NotImplementedError("syscall not simulated")


class Bus:
    kernel_invariants = {"channel"}

    def __init__(self, dmgr, channel):
        self.channel = channel

    @kernel
    def write(self, data):
        rtio_output(self.channel << 8, data)


class Version:
    @abstractmethod
    @kernel
    def write_cfg(self, dev, cfg):
        pass


class Rev2(Version):
    CFG_GO = 33
    CFG_MODE = 4

    @staticmethod
    @portable
    def cfg(go, mode):
        return (go << Rev2.CFG_GO) | (mode << Rev2.CFG_MODE)

    @kernel
    def write_cfg(self, dev, cfg: TInt64):
        dev.bus.write(int32(cfg >> 32))
        dev.bus.write(cfg & 0xFFFF)
        dev.cfg_reg = cfg


class Dev:
    kernel_invariants = {"bus", "version"}

    def __init__(self, dmgr, bus):
        self.bus = dmgr.get(bus)
        self.version = Rev2()
        self.cfg_reg = int64(Rev2.cfg(1, 3))

    @kernel
    def set_cfg(self, cfg):
        self.version.write_cfg(self, int64(cfg))

    @kernel
    def select(self, ch: TInt32):
        if ch > 3:
            raise ValueError("bad channel {} of {}", ch, int64(4))
        self.set_cfg(self.cfg_reg | Rev2.cfg(int64(0), ch))
        self.set_cfg(self.version.cfg(int64(1), ch))
`

const revSnap = `artiq-snapshot 1
entry self.run
object bus0 lib.drv.Bus
attr bus0.channel invariant int32 7
object dev0 lib.drv.Dev
attr dev0.bus invariant ref<lib.drv.Bus> bus0
attr dev0.cfg_reg int64 8589934640
attr dev0.version invariant ref<lib.drv.Rev2> self.dev.version
object self exp.Exp
attr self.dev ref<lib.drv.Dev> dev0
object self.dev.version lib.drv.Rev2
`

func TestNewerLegacyDriverConstructs(t *testing.T) {
	res, err := compileWith(t, revSnap, "lib.drv", revSrc, nil)
	if err != nil {
		t.Fatalf("lib.drv: %s", diagText(err))
	}
	iface := string(res.Interface)
	if strings.Contains(iface, "broken") {
		t.Errorf("driver methods are broken:\n%s", iface)
	}
	for _, want := range []string{
		"func Bus.write(self: lib.drv.Bus, data: ~int32) -> None",
		"func Rev2.write_cfg(self: lib.drv.Rev2, dev: ~lib.drv.Dev, cfg: int64) -> None",
		"func Dev.select(self: lib.drv.Dev, ch: int32) -> None",
		"static Rev2.cfg(go: ~int64, mode: ~int64) -> int64",
	} {
		if !strings.Contains(iface, strings.Replace(want, "~lib.drv.Dev", "lib.drv.Dev", 1)) {
			t.Errorf("interface lacks %s:\n%s", want, iface)
		}
	}
	ir := string(res.IR)
	for _, want := range []string{
		// The static helper is a function of its own; the int64 argument
		// is truncated for the free parameter.
		"define hidden i64 @lib.drv.Rev2.cfg(i64 %go, i64 %mode)",
		"trunc i64",
		"call void @lib.drv.Rev2.write_cfg(%class.lib.drv.Rev2*",
		// The exception carries its parameters.
		"sext i32",
	} {
		if !strings.Contains(ir, want) {
			t.Errorf("IR lacks %q", want)
		}
	}

	imports := map[string][]byte{"lib.drv": res.Interface}
	src := "from artiq.experiment import *\nclass Exp(EnvExperiment):\n    @kernel\n    def run(self):\n        self.dev.select(2)\n"
	if _, err := compileWith(t, revSnap, "exp", src, imports); err != nil {
		t.Errorf("exp: %s", diagText(err))
	}
}

// An exception takes a message and at most three integer parameters.
func TestExceptionParameters(t *testing.T) {
	for _, tc := range []struct{ raise, want string }{
		{`ValueError("x {} {}", 1, int64(2))`, ""},
		{`ValueError("x", 1, 2, 3, 4)`, "an exception takes a message and at most three integer parameters"},
		{`ValueError("x {}", 1.5)`, "type mismatch: an exception parameter must be an integer, found float"},
	} {
		src := "@kernel\ndef f(n: int32):\n    if n > 0:\n        raise " + tc.raise + "\n"
		_, err := compileWith(t, revSnap, "m", src, nil)
		got := diagText(err)
		if tc.want == "" && got != "" || !strings.Contains(got, tc.want) {
			t.Errorf("raise %s: got %q, want %q", tc.raise, got, tc.want)
		}
	}
}

// A parameter that meets a non-literal int in arithmetic stays a number:
// ARTIQ's TTLClockGen.frequency_to_ftw(frequency) computes
// round(2**self.acc_width*frequency*self.core.coarse_ref_period) with an
// int64 acc_width, and kernels pass a frequency in Hz (a float).
func TestNumberMeetsHostInt(t *testing.T) {
	src := `import numpy
from artiq.language.core import kernel, portable, syscall
from artiq.language.types import TInt32, TNone


@syscall(flags={"nowrite"})
def rtio_output(target: TInt32, data: TInt32) -> TNone:
    raise NotImplementedError("syscall not simulated")


class ClockGen:
    kernel_invariants = {"target", "acc_width", "period"}

    def __init__(self, dmgr, channel, acc_width=24):
        self.target = channel << 8
        self.acc_width = numpy.int64(acc_width)
        self.period = 8e-9

    @portable
    def frequency_to_ftw(self, frequency):
        return round(2**self.acc_width*frequency*self.period)

    @portable
    def scaled(self, n):
        return n * self.acc_width

    @kernel
    def set_mu(self, ftw):
        rtio_output(self.target, ftw)

    @kernel
    def set(self, frequency):
        self.set_mu(self.frequency_to_ftw(frequency))
`
	snap := `artiq-snapshot 1
entry self.run
object clk0 lib.drv.ClockGen
attr clk0.acc_width invariant int64 24
attr clk0.period invariant float 8e-09
attr clk0.target invariant int32 5120
object self exp.Exp
attr self.clk ref<lib.drv.ClockGen> clk0
`
	res, err := compileWith(t, snap, "lib.drv", src, nil)
	if err != nil {
		t.Fatalf("lib.drv: %s", diagText(err))
	}
	iface := string(res.Interface)
	for _, want := range []string{
		"func ClockGen.set(self: lib.drv.ClockGen, frequency: float) -> None",
		"func ClockGen.frequency_to_ftw(self: lib.drv.ClockGen, frequency: float) -> int32",
		// Nothing decides: the number has the int's width.
		"func ClockGen.scaled(self: lib.drv.ClockGen, n: ~int64) -> int64",
	} {
		if !strings.Contains(iface, want) {
			t.Errorf("interface lacks %s:\n%s", want, iface)
		}
	}
}
