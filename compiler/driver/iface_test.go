package driver

import (
	"strings"
	"testing"

	"github.com/rules-artiq/rules_artiq/compiler/target"
)

const pulsesSrc = `"""Pulse helpers."""
import lib.ttl

N_PULSES = 4
GAP_MU: int64 = 50
_SCALE = 2.5

@syscall(flags={"nounwind"})
def rtio_get_counter() -> int64:
    ...

@kernel
def pulse(channel: int32, duration: int64 = 100) -> None:
    lib.ttl.on(channel)
    delay_mu(duration)
    lib.ttl.off(channel)

@kernel
def train(channel: int32, n: int32) -> int64:
    start = now_mu()
    for i in range(n):
        pulse(channel)
        delay_mu(GAP_MU)
    return now_mu() - start

@kernel
def _helper(x: int32) -> int32:
    return x * 2

def host_only():
    pass
`

const ttlIface = "kernel-interface 1\nmodule lib.ttl\nfunc off(channel: int32) -> None\nfunc on(channel: int32) -> None\n"

func ifaceOf(t *testing.T, src string) string {
	t.Helper()
	tgt, _ := target.Lookup("rv32g")
	res, err := Frontend(&Unit{File: "lib/pulses.py", Source: []byte(src), Module: "lib.pulses",
		Imports: map[string][]byte{"lib.ttl": []byte(ttlIface)}, Target: tgt}, false)
	if err != nil {
		t.Fatalf("front end: %v", err)
	}
	return string(res.Interface)
}

func TestInterfaceGolden(t *testing.T) {
	want := `kernel-interface 1
module lib.pulses
const GAP_MU: int64 = 50
const N_PULSES: int32 = 4
func pulse(channel: int32, duration: int64 = 100) -> None
func train(channel: int32, n: int32) -> int64
syscall rtio_get_counter() -> int64
`
	if got := ifaceOf(t, pulsesSrc); got != want {
		t.Errorf("interface:\n%s\nwant:\n%s", got, want)
	}
}

// Edits that importers cannot observe must leave the interface
// byte-identical: that is what lets Bazel skip recompiling them.
func TestInterfaceStableUnderEdits(t *testing.T) {
	base := ifaceOf(t, pulsesSrc)
	edits := map[string]func(string) string{
		"body": func(s string) string {
			return strings.Replace(s, "    delay_mu(duration)\n", "    delay_mu(duration)\n    delay_mu(int64(7))\n", 1)
		},
		"comment": func(s string) string {
			return strings.Replace(s, "@kernel\ndef train", "# trains\n@kernel\ndef train", 1)
		},
		"blank lines": func(s string) string { return strings.ReplaceAll(s, "\n\n", "\n\n\n") },
		"private helper": func(s string) string {
			return strings.Replace(s, "return x * 2", "return x * 3 + 1", 1)
		},
		"trailing comment": func(s string) string { return s + "# end\n" },
		"host code": func(s string) string {
			return strings.Replace(s, "def host_only():\n    pass", "def host_only():\n    return 5", 1)
		},
	}
	for name, edit := range edits {
		if got := ifaceOf(t, edit(pulsesSrc)); got != base {
			t.Errorf("%s edit changed the interface:\n%s", name, got)
		}
	}
}

func TestInterfaceChangesWithSignature(t *testing.T) {
	base := ifaceOf(t, pulsesSrc)
	changed := ifaceOf(t, strings.Replace(pulsesSrc, "def train(channel: int32, n: int32)", "def train(channel: int32, n: int64)", 1))
	if changed == base {
		t.Error("changing a parameter type did not change the interface")
	}
	changed = ifaceOf(t, strings.Replace(pulsesSrc, "N_PULSES = 4", "N_PULSES = 5", 1))
	if changed == base {
		t.Error("changing an exported constant did not change the interface")
	}
}

// An unannotated exported function gets the one monomorphic signature
// that inference finds, and the interface records it.
func TestInterfaceRecordsInferredSignature(t *testing.T) {
	got := ifaceOf(t, `
@kernel
def double(x):
    return x * 2

@kernel
def use() -> int64:
    return double(int64(21))
`)
	if !strings.Contains(got, "func double(x: ~int64) -> int64\n") {
		t.Errorf("interface does not record the inferred signature:\n%s", got)
	}
}

// `from lib import ttl` imports the module lib.ttl, as in Python.
func TestFromPackageImportsModule(t *testing.T) {
	tgt, _ := target.Lookup("rv32g")
	src := "from lib import ttl\n\n@kernel\ndef run() -> None:\n    ttl.on(3)\n"
	res, err := Frontend(&Unit{File: "exp.py", Source: []byte(src), Module: "exp",
		Imports: map[string][]byte{"lib.ttl": []byte(ttlIface)}, Target: tgt}, true)
	if err != nil {
		t.Fatalf("front end: %v", err)
	}
	if _, ok := res.UsedImports["lib.ttl"]; !ok {
		t.Errorf("lib.ttl not recorded as imported: %v", res.UsedImports)
	}
	if !strings.Contains(string(res.IR), "@lib.ttl.on(") {
		t.Errorf("IR does not call lib.ttl.on:\n%s", res.IR)
	}
}
