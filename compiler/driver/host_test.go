package driver

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/rules-artiq/rules_artiq/compiler/diag"
	"github.com/rules-artiq/rules_artiq/compiler/hostobj"
	"github.com/rules-artiq/rules_artiq/compiler/target"
	"github.com/rules-artiq/rules_artiq/snapshot"
)

// A small lab: a driver module (host __init__, kernel methods) and an
// experiment whose entry object reaches drivers through attributes.

const hostTTLSrc = `from artiq.language.core import kernel

class TTLOut:
    kernel_invariants = {"channel"}

    def __init__(self, dmgr, channel):
        self.channel = channel
        self.target_o = channel << 8
        self.count = 0

    @kernel
    def on(self):
        rtio_output(self.target_o, 1)

    @kernel
    def pulse(self, duration: float):
        self.on()
        delay(duration)
        rtio_output(self.target_o, 0)
        self.count += 1

    @kernel
    def chan(self) -> int32:
        return self.channel


class Unused:
    def __init__(self, dmgr):
        self.x = 1

    @kernel
    def f(self) -> int32:
        return self.x
`

const hostExpSrc = `from artiq.experiment import *

class Exp(EnvExperiment):
    def build(self):
        self.setattr_device("ttl0")

    @kernel
    def run(self):
        for i in range(self.n):
            self.ttl0.pulse(self.t)
            self.fast.pulse(self.t)
            delay(1*us)
        print(self.fast.channel, self.ttl0.count, self.name)
`

const hostSnap = `artiq-snapshot 1
entry self.run
object self exp.Exp
attr self.fast invariant ref<lib.ttl.TTLOut> ttl1
attr self.n invariant int32 3
attr self.name invariant str "rabi"
attr self.t float 1e-06
attr self.ttl0 ref<lib.ttl.TTLOut> ttl0
object ttl0 lib.ttl.TTLOut
attr ttl0.channel invariant int32 0
attr ttl0.count int32 0
attr ttl0.target_o int32 0
object ttl1 lib.ttl.TTLOut
attr ttl1.channel invariant int32 1
attr ttl1.count int32 0
attr ttl1.target_o int32 256
`

type hostBuild struct {
	slices map[string][]byte
	ifaces map[string][]byte
	irs    map[string][]byte
}

// buildHost compiles lib.ttl then exp over snap as the build does: a uses
// pass that cuts each slice, then a compile from the slice alone. It also
// checks that compiling with the whole snapshot gives the same IR, i.e.
// that the slice answers every question the compile asks as the
// snapshot does.
func buildHost(t *testing.T, snapText string, sources map[string]string) *hostBuild {
	t.Helper()
	snap, err := snapshot.Decode("test.snap", []byte(snapText))
	if err != nil {
		t.Fatalf("snapshot: %v", err)
	}
	tgt, _ := target.Lookup("rv32g")
	b := &hostBuild{slices: map[string][]byte{}, ifaces: map[string][]byte{}, irs: map[string][]byte{}}
	for _, m := range []string{"lib.ttl", "exp"} {
		src, ok := sources[m]
		if !ok {
			continue
		}
		imports := map[string][]byte{}
		for k, v := range b.ifaces {
			imports[k] = v
		}
		u := Unit{File: strings.ReplaceAll(m, ".", "/") + ".py", Source: []byte(src), Module: m, Imports: imports, Target: tgt}
		rec := hostobj.NewRecorder(snap, m)
		u.Host = rec
		direct, err := Frontend(&u, true)
		if err != nil {
			t.Fatalf("%s with the snapshot: %v", m, renderErr(err, u.File, src))
		}
		slice, err := rec.Slice()
		if err != nil {
			t.Fatalf("%s: slice: %v", m, err)
		}
		src2, err := hostobj.ReadSlice(m+".slice", slice)
		if err != nil {
			t.Fatalf("%s: reading the slice: %v\n%s", m, err, slice)
		}
		u.Host = src2
		res, err := Frontend(&u, true)
		if err != nil {
			t.Fatalf("%s with its slice: %v\n%s", m, renderErr(err, u.File, src), slice)
		}
		if !bytes.Equal(res.IR, direct.IR) || !bytes.Equal(res.Interface, direct.Interface) {
			t.Errorf("%s: compiling from the slice differs from compiling with the snapshot", m)
		}
		b.slices[m], b.ifaces[m], b.irs[m] = slice, res.Interface, res.IR
	}
	return b
}

func renderErr(err error, file, src string) string {
	var buf bytes.Buffer
	Render(&buf, err, map[string][]byte{file: []byte(src)})
	return buf.String()
}

func hostSources() map[string]string {
	return map[string]string{"lib.ttl": hostTTLSrc, "exp": hostExpSrc}
}

func TestHostSlicesAndInterfaces(t *testing.T) {
	b := buildHost(t, hostSnap, hostSources())
	wantTTL := `artiq-snapshot-slice 1
module lib.ttl
layout lib.ttl.TTLOut
class-attr lib.ttl.TTLOut.channel invariant int32
class-attr lib.ttl.TTLOut.count int32
class-attr lib.ttl.TTLOut.target_o int32
`
	if got := string(b.slices["lib.ttl"]); got != wantTTL {
		t.Errorf("lib.ttl slice:\n%s\nwant\n%s", got, wantTTL)
	}
	wantExp := `artiq-snapshot-slice 1
module exp
layout exp.Exp
layout lib.ttl.TTLOut
singleton exp.Exp self
class-attr exp.Exp.fast invariant ref<lib.ttl.TTLOut>
class-attr exp.Exp.n invariant int32
class-attr exp.Exp.name invariant str
class-attr exp.Exp.t float
class-attr exp.Exp.ttl0 ref<lib.ttl.TTLOut>
class-attr lib.ttl.TTLOut.channel invariant int32
class-attr lib.ttl.TTLOut.count int32
class-attr lib.ttl.TTLOut.target_o int32
object self exp.Exp
attr self.fast invariant ref<lib.ttl.TTLOut> ttl1
attr self.n invariant int32 3
attr self.name invariant str "rabi"
attr self.t float
attr self.ttl0 ref<lib.ttl.TTLOut>
object ttl1 lib.ttl.TTLOut
attr ttl1.channel invariant int32 1
`
	if got := string(b.slices["exp"]); got != wantExp {
		t.Errorf("exp slice:\n%s\nwant\n%s", got, wantExp)
	}
	// Every kernel method of a host class with instances is compiled and
	// exported, with self of the qualified class; Unused has none.
	wantIface := `kernel-interface 1
module lib.ttl
func TTLOut.chan(self: lib.ttl.TTLOut) -> int32
func TTLOut.on(self: lib.ttl.TTLOut) -> None
func TTLOut.pulse(self: lib.ttl.TTLOut, duration: float) -> None
`
	if got := string(b.ifaces["lib.ttl"]); got != wantIface {
		t.Errorf("lib.ttl interface:\n%s\nwant\n%s", got, wantIface)
	}
	ir := string(b.irs["exp"])
	for _, want := range []string{
		// The object id, then fast, n, name, t, ttl0: every attribute,
		// sorted by name.
		"%class.exp.Exp = type { i32, %class.lib.ttl.TTLOut*, i32, { i8*, i32 }, double, %class.lib.ttl.TTLOut* }",
		"@obj.ttl1 = external hidden global %class.lib.ttl.TTLOut",
		"declare hidden void @lib.ttl.TTLOut.pulse(%class.lib.ttl.TTLOut* %self, double %duration)",
		"call void @lib.ttl.TTLOut.pulse(%class.lib.ttl.TTLOut* @obj.ttl1",
		`c"rabi\00"`,
	} {
		if !strings.Contains(ir, want) {
			t.Errorf("exp IR lacks %q:\n%s", want, ir)
		}
	}
	// fast, n, name and fast.channel are folded: the only fields of the
	// entry object that the code reads are t (4) and ttl0 (5).
	for _, m := range regexp.MustCompile(`getelementptr %class\.exp\.Exp, [^\n]*, i32 0, i32 (\d+)`).FindAllStringSubmatch(ir, -1) {
		if m[1] != "4" && m[1] != "5" {
			t.Errorf("exp reads field %s of the entry object, which holds a folded invariant", m[1])
		}
	}
}

func TestHostValueChangesLeaveSlicesAlone(t *testing.T) {
	base := buildHost(t, hostSnap, hostSources())
	// Non-invariant values: no slice (and so no IR) changes.
	other := strings.NewReplacer("attr self.t float 1e-06", "attr self.t float 2e-06",
		"attr ttl0.count int32 0", "attr ttl0.count int32 7",
		"attr ttl1.target_o int32 256", "attr ttl1.target_o int32 512").Replace(hostSnap)
	b := buildHost(t, other, hostSources())
	for m := range base.slices {
		if !bytes.Equal(base.slices[m], b.slices[m]) || !bytes.Equal(base.irs[m], b.irs[m]) {
			t.Errorf("a non-invariant value change changed module %s's slice or code", m)
		}
	}
	// An invariant that exp folds: exp's slice changes, lib.ttl's does not.
	inv := strings.Replace(hostSnap, "attr self.n invariant int32 3", "attr self.n invariant int32 4", 1)
	b = buildHost(t, inv, hostSources())
	if bytes.Equal(base.slices["exp"], b.slices["exp"]) || bytes.Equal(base.irs["exp"], b.irs["exp"]) {
		t.Errorf("changing the folded invariant n left exp's slice or code unchanged")
	}
	if !bytes.Equal(base.slices["lib.ttl"], b.slices["lib.ttl"]) {
		t.Errorf("changing exp's invariant n changed lib.ttl's slice")
	}
	// An invariant that only the driver's methods read (through self,
	// compiled once for every TTLOut) is a load: no slice changes.
	inv = strings.Replace(hostSnap, "attr ttl0.channel invariant int32 0", "attr ttl0.channel invariant int32 5", 1)
	b = buildHost(t, inv, hostSources())
	for m := range base.slices {
		if !bytes.Equal(base.slices[m], b.slices[m]) {
			t.Errorf("changing ttl0.channel (read only inside TTLOut's methods) changed module %s's slice", m)
		}
	}
}

func TestHostClassesWithoutSlice(t *testing.T) {
	// Without a slice (a plain kernel_library compile) host classes are
	// not compiled: the module still compiles.
	tgt, _ := target.Lookup("rv32g")
	for m, src := range hostSources() {
		res, err := Frontend(&Unit{File: m + ".py", Source: []byte(src), Module: m, Target: tgt}, true)
		if err != nil {
			t.Fatalf("%s: %v", m, renderErr(err, m+".py", src))
		}
		if strings.Contains(string(res.Interface), "func ") {
			t.Errorf("%s: interface without a slice exports methods:\n%s", m, res.Interface)
		}
	}
}

func TestHostErrors(t *testing.T) {
	tgt, _ := target.Lookup("rv32g")
	snap, err := snapshot.Decode("test.snap", []byte(hostSnap+"attr ttl1.blob opaque \"dict\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	// lib.ttl's interface, for the experiment's calls.
	ttl := hostobj.NewRecorder(snap, "lib.ttl")
	res, err := Frontend(&Unit{File: "lib/ttl.py", Source: []byte(hostTTLSrc), Module: "lib.ttl", Target: tgt, Host: ttl}, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ body, want string }{
		{"self.n = 4", `cannot assign to self.n: it is a kernel invariant`},
		{"print(self.nope)", `host object self (exp.Exp) has no attribute "nope"`},
		{"self.fast.blob", `attribute "blob" of lib.ttl.TTLOut is a host value that kernels cannot use (opaque)`},
		{"self.ttl0.missing()", `class lib.ttl.TTLOut has no kernel method "missing"`},
		{"self.fast.channel = 3", `cannot assign to ttl1.channel: it is a kernel invariant`},
	} {
		src := "class Exp(EnvExperiment):\n    @kernel\n    def run(self):\n        " + tc.body + "\n"
		_, err := Frontend(&Unit{File: "exp.py", Source: []byte(src), Module: "exp", Target: tgt,
			Imports: map[string][]byte{"lib.ttl": res.Interface}, Host: hostobj.NewRecorder(snap, "exp")}, false)
		l, _ := err.(diag.List)
		found := false
		for _, d := range l {
			found = found || strings.Contains(d.Msg, tc.want)
		}
		if !found {
			t.Errorf("%s: got %v, want an error containing %q", tc.body, err, tc.want)
		}
	}
}
