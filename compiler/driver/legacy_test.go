package driver

import (
	"strings"
	"testing"
)

// Constructs of ARTIQ's own drivers (legacy compiler era) that checking
// against the real sources brought up (rules/artiq_sources.md, "Checked
// against ARTIQ's sources"). The driver below is written for this test in
// the same style.

const legacySrc = `from numpy import int32, int64

from artiq.language.core import kernel, portable, syscall, delay, delay_mu, now_mu
from artiq.language.types import TInt32, TInt64, TNone

from lib import spi
# Another name for a kernel function of an imported module, and of this one.
spi_div = spi.div_of


@syscall(flags={"nowrite"})
def rtio_input_timestamp(timeout_mu: TInt64, channel: TInt32) -> TInt64:
    raise NotImplementedError("syscall not simulated")


@portable
def mask(x):
    return x & 0xff


local_mask = mask

ATT_STEPS = 8
SETTLE_MU = 1000


class Dev:
    kernel_invariants = {"channel", "latency_mu"}

    def __init__(self, dmgr, channel):
        self.channel = channel
        self.latency_mu = 13*8
        self.att_reg = 0

    @kernel
    def count(self, up_to_timestamp_mu):
        # latency_mu is a plain int in the snapshot (int32): it widens to
        # the int64 the syscall needs, so up_to_timestamp_mu is an int64.
        n = 0
        while rtio_input_timestamp(up_to_timestamp_mu + self.latency_mu, self.channel) >= 0:
            n += 1
        return n

    @kernel
    def gate(self, duration):
        delay(duration)
        return now_mu()

    @kernel
    def set_att(self, att):
        # round() takes a float: att is a float, the literal converts.
        self.att_reg = 255 - int32(round(att*8))

    @kernel
    def set_att_steps(self, att):
        # A named int constant is like the literal: att is a float.
        self.att_reg = 255 - int32(round(att*ATT_STEPS))
        delay_mu(SETTLE_MU)

    @portable
    def turns_to_pow(self, turns):
        return int32(round(turns*0x10000))

    @portable
    def pow_to_turns(self, pow_):
        return pow_/0x10000

    @kernel
    def aliases(self, x):
        return spi_div(x) + local_mask(x)

    @kernel
    def cfg_sw(self, channel, on):
        # Only tested for truth: a bool.
        c = self.att_reg
        if on:
            c |= 1 << channel
        self.att_reg = c

    @kernel
    def write_ram(self, data):
        # Measured and indexed: a list.
        for i in range(len(data) - 1):
            self.att_reg = data[i]

    @portable
    def turns_to_ram(self, turns, ram):
        for i in range(len(ram)):
            ram[i] = self.turns_to_pow(turns[i]) << 16
`

const legacySpi = "kernel-interface 1\nmodule lib.spi\nfunc div_of(f: int32) -> int32\n"

const legacySnap = `artiq-snapshot 1
entry self.run
object dev0 lib.legacy.Dev
attr dev0.att_reg int32 0
attr dev0.channel invariant int32 3
attr dev0.latency_mu invariant int32 104
object self exp.Exp
attr self.dev ref<lib.legacy.Dev> dev0
`

func TestLegacyDriverInference(t *testing.T) {
	imports := map[string][]byte{"lib.spi": []byte(legacySpi)}
	res, err := compileWith(t, legacySnap, "lib.legacy", legacySrc, imports)
	if err != nil {
		t.Fatalf("lib.legacy: %s", diagText(err))
	}
	iface := string(res.Interface)
	for _, want := range []string{
		"func Dev.count(self: lib.legacy.Dev, up_to_timestamp_mu: ~int64) -> int32",
		"func Dev.gate(self: lib.legacy.Dev, duration: float) -> int64",
		"func Dev.set_att(self: lib.legacy.Dev, att: float) -> None",
		"func Dev.set_att_steps(self: lib.legacy.Dev, att: float) -> None",
		"func Dev.turns_to_pow(self: lib.legacy.Dev, turns: float) -> int32",
		"func Dev.pow_to_turns(self: lib.legacy.Dev, pow_: ~int32) -> float",
		"func Dev.aliases(self: lib.legacy.Dev, x: ~int32) -> int32",
		"func Dev.cfg_sw(self: lib.legacy.Dev, channel: ~int32, on: bool) -> None",
		"func Dev.write_ram(self: lib.legacy.Dev, data: list[int32]) -> None",
		"func Dev.turns_to_ram(self: lib.legacy.Dev, turns: list[float], ram: list[int32]) -> None",
	} {
		if !strings.Contains(iface, want) {
			t.Errorf("interface lacks %s:\n%s", want, iface)
		}
	}
	if strings.Contains(iface, "broken") {
		t.Errorf("a method is broken:\n%s", iface)
	}
	ir := string(res.IR)
	// The int32 field is loaded and sign-extended where an int64 is needed.
	if !strings.Contains(ir, "sext i32") {
		t.Errorf("no widening of the host int in the IR:\n%s", ir)
	}
	if !strings.Contains(ir, "sext i32 1000 to i64") {
		t.Errorf("SETTLE_MU is not an int64 where delay_mu needs one:\n%s", ir)
	}
	if !strings.Contains(ir, "call i32 @lib.spi.div_of(") {
		t.Errorf("the alias does not call lib.spi.div_of:\n%s", ir)
	}

	// An experiment calls them with the types ARTIQ's callers use.
	imports["lib.legacy"] = res.Interface
	src := `from artiq.experiment import *
class Exp(EnvExperiment):
    @kernel
    def run(self):
        n = self.dev.count(self.dev.gate(1*ms))
        self.dev.set_att(6.*dB)
        self.dev.set_att(3)
        self.dev.cfg_sw(0, True)
        self.dev.write_ram([1, 2, 3])
        print(n, self.dev.pow_to_turns(self.dev.turns_to_pow(0.25)))
`
	if _, err := compileWith(t, legacySnap, "exp", src, imports); err != nil {
		t.Errorf("exp: %s", diagText(err))
	}
	// A wrong argument is still an error, with the caret at the argument.
	bad := strings.Replace(src, "self.dev.set_att(3)", `self.dev.set_att("x")`, 1)
	_, err = compileWith(t, legacySnap, "exp", bad, imports)
	if got := diagText(err); !strings.Contains(got, "exp.py:7:26: error: type mismatch: expected float, found str") {
		t.Errorf("got %s", got)
	}
}

// Storing into a host int32 field stays strict: an int64 does not fit.
func TestHostIntStoreIsStrict(t *testing.T) {
	src := strings.Replace(legacySrc, "        self.att_reg = 255 - int32(round(att*8))",
		"        self.att_reg = now_mu()", 1)
	imports := map[string][]byte{"lib.spi": []byte(legacySpi)}
	res, err := compileWith(t, legacySnap, "lib.legacy", src, imports)
	if err != nil {
		t.Fatalf("lib.legacy: %s", diagText(err))
	}
	if !strings.Contains(string(res.Interface), `broken Dev.set_att error "type mismatch: attribute \"att_reg\" has type int32, cannot assign a value of type int64"`) {
		t.Errorf("interface:\n%s", res.Interface)
	}
}
