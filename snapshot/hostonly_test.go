package snapshot

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A driver's constructor keeps host-only objects that the evaluator
// cannot build: classes of modules that are not on the path (ARTIQ's
// Core stores its compiler target class and its comm object). They are
// stored as opaque values; only a computation with them is an error.
const hostOnlyCore = `import os
from artiq.language.core import *
from artiq.compiler.targets import OR1KTarget, CortexA9Target
from artiq.coredevice.comm_kernel import CommKernel


class Core:
    kernel_invariants = {"core", "ref_period"}

    def __init__(self, dmgr, host, ref_period, target="or1k"):
        self.ref_period = ref_period
        if target == "or1k":
            self.target_cls = OR1KTarget
        elif target == "cortexa9":
            self.target_cls = CortexA9Target
        else:
            raise ValueError("Unsupported target")
        self.comm = CommKernel(host)
        self.comm.core = self
        self.dmgr = dmgr
        self.core = self
        self.cwd = os.getcwd()
        USE

    @kernel
    def reset(self):
        pass
`

const hostOnlyExp = `from artiq.experiment import *

class Exp(EnvExperiment):
    def build(self):
        self.setattr_device("core")

    @kernel
    def run(self):
        self.core.reset()
`

const hostOnlyDB = `device_db = {
    "core": {"type": "local", "module": "drv.core", "class": "Core",
             "arguments": {"host": "192.168.1.70", "ref_period": 1e-9}},
}
`

func hostOnlyLab(t *testing.T, use string) Options {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"device_db.py":    hostOnlyDB,
		"exp.py":          hostOnlyExp,
		"drv/__init__.py": "",
		"drv/core.py":     strings.Replace(hostOnlyCore, "USE", use, 1),
	}
	for name, src := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return Options{DeviceDB: filepath.Join(dir, "device_db.py"), Path: []string{dir},
		File: filepath.Join(dir, "exp.py"), Class: "Exp"}
}

func TestHostOnlyValuesInConstructors(t *testing.T) {
	s, err := Freeze(hostOnlyLab(t, "pass"))
	if err != nil {
		t.Fatalf("Freeze: %v", err)
	}
	got := string(s.Encode())
	for _, want := range []string{
		`attr core.comm opaque "artiq.coredevice.comm_kernel.CommKernel()"`,
		`attr core.cwd opaque "os.getcwd()"`,
		`attr core.ref_period invariant float 1e-09`,
		`attr core.target_cls opaque "artiq.compiler.targets.OR1KTarget"`,
	} {
		if !strings.Contains(got, want+"\n") {
			t.Errorf("snapshot lacks %s:\n%s", want, got)
		}
	}
	// Computing with one is an error that names where it came from.
	for _, c := range []struct{ use, msg string }{
		{"self.n = self.comm.n_retries + 1", "drv/core.py:4:42: error: module artiq.coredevice.comm_kernel is not available to the snapshot evaluator"},
		{"self.n = self.comm.n_retries + 1", "(artiq.coredevice.comm_kernel.CommKernel().n_retries is used at "},
		{"if self.cwd:\n            pass", "(os.getcwd() is used at "},
		{"self.ok = self.target_cls == OR1KTarget", "(artiq.compiler.targets.OR1KTarget is used at "},
		{"self.n = len(self.cwd)", "(os.getcwd() is used at "},
	} {
		_, err := Freeze(hostOnlyLab(t, c.use))
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: error %v, want %q", c.use, err, c.msg)
		}
	}
}
