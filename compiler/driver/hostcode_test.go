package driver

import (
	"bytes"
	"strings"
	"testing"

	"github.com/rules-artiq/rules_artiq/compiler/diag"
	"github.com/rules-artiq/rules_artiq/compiler/hostobj"
	"github.com/rules-artiq/rules_artiq/compiler/target"
	"github.com/rules-artiq/rules_artiq/snapshot"
)

// Host code is not kernel code (compiler/types/hostcode.go): a module's
// host-only imports, values, statements, functions, methods and classes
// are skipped until a kernel reaches them, and then the diagnostic names
// the kernel, the call chain and the host-only thing.

// A driver module as labs write them for ARTIQ: host code around the
// kernel methods.
const drvSrc = `"""A driver with host code around its kernel methods."""
import logging
import os.path
import numpy
from collections import OrderedDict
from artiq.language.core import *
from artiq.language.types import *
from artiq.language.units import us, MHz
from artiq.language.environment import HasEnvironment, NumberValue
from artiq.coredevice.exceptions import RTIOUnderflow

__all__ = ["Dev"]
logger = logging.getLogger(__name__)

try:
    import scipy
    HAVE_SCIPY = True
except ImportError:
    HAVE_SCIPY = False

if os.path.exists("/etc/lab.conf"):
    LAB = "conf"

CFG_WORDS = 3
CFG_MASK = (1 << 12) - 1
CFG_FLAGS = 0*2 | 1*4 | CFG_MASK & 0x10
T_SETTLE = 2*us


def load_table(path):
    return OrderedDict()


@functools.lru_cache()
def cached(n):
    return n


class Table(OrderedDict):
    def lookup(self, k):
        return self[k]


class Dev:
    kernel_invariants = {"channel"}

    def __init__(self, dmgr, channel):
        self.channel = channel
        self.target = channel << 8
        self.state = 0

    @staticmethod
    def get_rtio_channels(channel, **kwargs):
        return [(channel, None)]

    @host_only
    def configure(self, freq):
        logger.info("configuring %s", freq)

    def record(self, n: TInt32, label="x", *, flush=False) -> TInt32:
        return n

    @kernel
    def good(self, x: TInt32) -> TInt32:
        rtio_output(self.target, x & CFG_MASK)
        delay(T_SETTLE)
        return x + CFG_WORDS

    @kernel
    def pulse(self):
        self.configure(1*MHz)
        delay_mu(int64(8))

    @kernel
    def chain(self):
        self.pulse()

    @kernel
    def bad(self) -> TInt32:
        return "not an int"

    @kernel
    def log(self):
        logger.warning("in a kernel")

    @kernel
    def unused(self, a, b):
        pass

    @kernel
    def table(self):
        t = load_table("x")
`

const drvSnap = `artiq-snapshot 1
entry self.run
object dev0 lib.drv.Dev
attr dev0.channel invariant int32 3
attr dev0.state int32 0
attr dev0.target int32 768
object self exp.Exp
attr self.dev ref<lib.drv.Dev> dev0
`

// compileWith compiles module m (source src) the way a binary does: the
// uses pass against the snapshot, then the compile from the slice.
func compileWith(t *testing.T, snapText, m, src string, imports map[string][]byte) (*Result, error) {
	t.Helper()
	snap, err := snapshot.Decode("test.snap", []byte(snapText))
	if err != nil {
		t.Fatalf("snapshot: %v", err)
	}
	tgt, _ := target.Lookup("rv32g")
	u := &Unit{File: strings.ReplaceAll(m, ".", "/") + ".py", Source: []byte(src), Module: m, Imports: imports, Target: tgt}
	rec := hostobj.NewRecorder(snap, m)
	u.Host = rec
	if _, err := Frontend(u, true); err != nil {
		return nil, err
	}
	slice, err := rec.Slice()
	if err != nil {
		t.Fatalf("%s: slice: %v", m, err)
	}
	if u.Host, err = hostobj.ReadSlice(m+".slice", slice); err != nil {
		t.Fatalf("%s: %v", m, err)
	}
	return Frontend(u, true)
}

func diagText(err error) string {
	var b bytes.Buffer
	if l, ok := err.(diag.List); ok {
		for _, d := range l {
			b.WriteString(d.Error())
			if d.Hint != "" {
				b.WriteString("\n  hint: " + d.Hint)
			}
			b.WriteByte('\n')
		}
		return b.String()
	}
	if err != nil {
		return err.Error()
	}
	return ""
}

func TestHostCodeIsSkipped(t *testing.T) {
	tgt, _ := target.Lookup("rv32g")
	// Without a slice: the host code is skipped, the constants fold.
	res, err := Frontend(&Unit{File: "lib/drv.py", Source: []byte(drvSrc), Module: "lib.drv", Target: tgt}, true)
	if err != nil {
		t.Fatalf("lib.drv: %s", diagText(err))
	}
	want := `kernel-interface 1
module lib.drv
const CFG_FLAGS: int32 = 20
const CFG_MASK: int32 = 4095
const CFG_WORDS: int32 = 3
const T_SETTLE: float = 2e-06
`
	if got := string(res.Interface); got != want {
		t.Errorf("interface:\n%s\nwant\n%s", got, want)
	}
}

func TestBrokenDriverMethods(t *testing.T) {
	res, err := compileWith(t, drvSnap, "lib.drv", drvSrc, nil)
	if err != nil {
		t.Fatalf("lib.drv with a snapshot: %s", diagText(err))
	}
	iface := string(res.Interface)
	for _, want := range []string{
		`func Dev.good(self: lib.drv.Dev, x: int32) -> int32`,
		`broken Dev.pulse host "calls" "Dev.configure" "host code marked @host_only: kernels cannot call it, not even through an RPC"`,
		`broken Dev.chain host "calls" "Dev.configure" "host code marked @host_only: kernels cannot call it, not even through an RPC" "remove @host_only to call it as an RPC, or decorate it with @kernel" "Dev.pulse"`,
		// Host methods are RPCs: importers see their signatures.
		`rpc Dev.record(n: int32, label: ? = ..., *, flush: ? = ...) -> int32`,
		`broken Dev.get_rtio_channels error "host function get_rtio_channels returns a value, but it has no return annotation, so kernels that call it expect None" ""`,
		`broken Dev.bad error "type mismatch: Dev.bad returns int32, but this returns str" ""`,
		`broken Dev.log host "uses" "logger" "host code (a module-level value that is not a constant)"`,
		`broken Dev.unused error "cannot infer the type of parameter \"a\" of Dev.unused" ""`,
		`broken Dev.table error "host function load_table returns a value, but it has no return annotation, so kernels that call it expect None" ""`,
	} {
		if !strings.Contains(iface, want) {
			t.Errorf("interface lacks %s:\n%s", want, iface)
		}
	}
	// Broken methods are not lowered; the good one is.
	ir := string(res.IR)
	if !strings.Contains(ir, `define hidden i32 @lib.drv.Dev.good(`) || strings.Contains(ir, "@lib.drv.Dev.pulse(") {
		t.Errorf("IR:\n%s", ir)
	}

	// The kernels that reach them get the errors, with the chain.
	imports := map[string][]byte{"lib.drv": res.Interface}
	for _, tc := range []struct{ call, want string }{
		{"self.dev.good(1)", ""},
		{"self.dev.chain()", `exp.py:5:18: error: kernel Exp.run calls Dev.configure (via Dev.chain, Dev.pulse), which is host code marked @host_only: kernels cannot call it, not even through an RPC
  hint: remove @host_only to call it as an RPC, or decorate it with @kernel`},
		{"self.dev.pulse()", `kernel Exp.run calls Dev.configure (via Dev.pulse), which is host code marked @host_only`},
		{"self.dev.bad()", `exp.py:5:18: error: kernel Exp.run calls Dev.bad, which cannot be compiled: type mismatch: Dev.bad returns int32, but this returns str`},
		{"self.dev.log()", `kernel Exp.run uses logger (via Dev.log), which is host code (a module-level value that is not a constant)`},
		{"self.dev.configure(2)", `kernel Exp.run calls Dev.configure, which is host code marked @host_only`},
		// A method RPC through the interface.
		{"self.dev.record(2, flush=True)", ""},
		{"self.dev.record(2, 3, 4)", `Dev.record() takes 2 positional arguments but 3 were given`},
		{"self.dev.record(2.5)", `type mismatch: expected int32, found float`},
	} {
		src := "from artiq.experiment import *\nclass Exp(EnvExperiment):\n    @kernel\n    def run(self):\n        " + tc.call + "\n"
		_, err := compileWith(t, drvSnap, "exp", src, imports)
		got := diagText(err)
		if tc.want == "" && got != "" || !strings.Contains(got, tc.want) {
			t.Errorf("%s: got\n%s\nwant %s", tc.call, got, tc.want)
		}
	}
}

// In the module itself: the experiment's own methods are strict, and a
// call of a broken driver method of the module names the chain.
func TestBrokenInTheSameModule(t *testing.T) {
	src := drvSrc + `

class Exp(HasEnvironment):
    def build(self):
        pass

    def record(self, x):
        pass

    @kernel
    def run(self):
        self.dev.chain()
        self.record(3)
`
	snap := strings.Replace(drvSnap, "object self exp.Exp", "object self lib.drv.Exp", 1)
	_, err := compileWith(t, snap, "lib.drv", src, nil)
	got := diagText(err)
	for _, want := range []string{
		`lib/drv.py:104:18: error: kernel Exp.run calls Dev.configure (via Dev.chain, Dev.pulse), which is host code marked @host_only`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("got\n%s\nwant %s", got, want)
		}
	}
}

// A broken method's record holds no position: moving it keeps the
// interface byte-identical (early cutoff).
func TestBrokenRecordsAreStable(t *testing.T) {
	a, err := compileWith(t, drvSnap, "lib.drv", drvSrc, nil)
	if err != nil {
		t.Fatal(diagText(err))
	}
	moved := strings.Replace(drvSrc, "class Dev:\n", "# the device\n\n\nclass Dev:\n", 1)
	b, err := compileWith(t, drvSnap, "lib.drv", moved, nil)
	if err != nil {
		t.Fatal(diagText(err))
	}
	if !bytes.Equal(a.Interface, b.Interface) {
		t.Errorf("moving the class changed the interface:\n%s\n---\n%s", a.Interface, b.Interface)
	}
}

// Kernels' uses of host values of the module itself.
func TestHostCodeUses(t *testing.T) {
	tgt, _ := target.Lookup("rv32g")
	for _, tc := range []struct{ body, want string }{
		{"print(CFG_FLAGS, T_SETTLE)", ""},
		{"print(HAVE_SCIPY)", `kernel f uses HAVE_SCIPY, which is host code (a name bound by a module-level statement that is not kernel code)`},
		{"t = Table()", `kernel f uses Table, which is host code (a class that is not kernel code: its base OrderedDict is not a kernel class)`},
		{"x = numpy.linalg.norm(1.0)", `numpy.linalg.norm is not supported in kernels`},
		{"x = OrderedDict()", `cannot find kernel module "collections"`},
		{"cached(3)", `host function cached returns a value, but it has no return annotation`},
		{"raise RTIOUnderflow(\"late\")", ""},
	} {
		src := drvSrc + "\n\n@kernel\ndef f():\n    " + tc.body + "\n"
		_, err := Frontend(&Unit{File: "lib/drv.py", Source: []byte(src), Module: "lib.drv", Target: tgt}, true)
		got := diagText(err)
		if tc.want == "" && got != "" || !strings.Contains(got, tc.want) {
			t.Errorf("%s: got\n%s\nwant %s", tc.body, got, tc.want)
		}
	}
}

// ARTIQ's modules import their siblings relatively, too.
func TestRelativeImports(t *testing.T) {
	tgt, _ := target.Lookup("rv32g")
	rtio := "kernel-interface 1\nmodule artiq.coredevice.rtio\nconst ADDR: int32 = 2\nsyscall rtio_output(target: int32, data: int32) -> None\n"
	src := "from .rtio import rtio_output, ADDR\nfrom . import rtio\n\n@kernel\ndef f(x: int32):\n    rtio_output(ADDR, x)\n    rtio.rtio_output(rtio.ADDR, x)\n"
	_, err := Frontend(&Unit{File: "ttl.py", Source: []byte(src), Module: "artiq.coredevice.ttl", Target: tgt,
		Imports: map[string][]byte{"artiq.coredevice.rtio": []byte(rtio)}}, true)
	if err != nil {
		t.Fatalf("relative imports: %s", diagText(err))
	}
	// A name the interface does not export is host code until used.
	src = "from .rtio import TTLOut, ADDR\n\n@kernel\ndef f():\n    TTLOut()\n"
	_, err = Frontend(&Unit{File: "ttl.py", Source: []byte(src), Module: "artiq.coredevice.ttl", Target: tgt,
		Imports: map[string][]byte{"artiq.coredevice.rtio": []byte(rtio)}}, true)
	if got := diagText(err); !strings.Contains(got, "kernel f uses TTLOut, which is host code (a name of module artiq.coredevice.rtio that is not a kernel function or constant)") {
		t.Errorf("got %s", got)
	}
	_, err = Frontend(&Unit{File: "top.py", Source: []byte("from ..x import y\n"), Module: "top", Target: tgt}, true)
	if got := diagText(err); !strings.Contains(got, "relative import beyond the top-level package of top") {
		t.Errorf("got %s", got)
	}
}

// Host code may use Python that kernels cannot (the parser rejects it in
// kernels): f-strings, comprehensions of dicts and sets, generators,
// 'raise ... from', 'yield', 'async'. A module compiles as long as only
// host code does; a driver method that does is broken (its callers get
// the error), a module-level kernel function that does is an error.
func TestHostCodeBeyondTheParser(t *testing.T) {
	src := `import logging
logger = logging.getLogger(__name__)
NAMES = {k: k for k in "ab"}


def describe(d):
    return f"{d!r}" + ", ".join(x for x in d)


async def poll():
    await something()


class Dev:
    kernel_invariants = {"channel"}

    def __init__(self, dmgr, channel):
        self.channel = channel
        self.target = channel << 8
        self.state = 0

    def compile(self, f):
        try:
            pass
        except Exception as e:
            raise RuntimeError(f"cannot compile {f}") from e

    def stream(self):
        yield from range(3)

    @kernel
    def good(self, x: int32) -> int32:
        return x + 1

    @kernel
    def table(self) -> int32:
        t = {i: i for i in range(3)}
        return 0

    @kernel
    def label(self):
        print(f"channel {self.channel}")
`
	res, err := compileWith(t, drvSnap, "lib.drv", src, nil)
	if err != nil {
		t.Fatalf("lib.drv: %s", diagText(err))
	}
	iface := string(res.Interface)
	for _, want := range []string{
		`func Dev.good(self: lib.drv.Dev, x: int32) -> int32`,
		`broken Dev.table error "dict comprehensions are not supported in kernels" ""`,
		`broken Dev.label error "f-strings are not supported in kernels" ""`,
		`rpc Dev.compile(f: ?) -> None`,
	} {
		if !strings.Contains(iface, want) {
			t.Errorf("interface lacks %s:\n%s", want, iface)
		}
	}
	_, err = compileWith(t, drvSnap, "exp", "from artiq.experiment import *\nclass Exp(EnvExperiment):\n    @kernel\n    def run(self):\n        self.dev.table()\n",
		map[string][]byte{"lib.drv": res.Interface})
	if got := diagText(err); !strings.Contains(got, "kernel Exp.run calls Dev.table, which cannot be compiled: dict comprehensions are not supported in kernels") {
		t.Errorf("got %s", got)
	}
	// In a module-level kernel function, it is the module's error.
	tgt, _ := target.Lookup("rv32g")
	bad := src + "\n\n@kernel\ndef f() -> int32:\n    return sum(x for x in range(3))\n"
	_, err = Frontend(&Unit{File: "lib/drv.py", Source: []byte(bad), Module: "lib.drv", Target: tgt}, true)
	if got := diagText(err); got != "lib/drv.py:47:18: error: generator expressions are not supported in kernels\n" {
		t.Errorf("got %q", got)
	}
}
