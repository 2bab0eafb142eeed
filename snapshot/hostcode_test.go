package snapshot

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A driver module whose host code holds constructs the parser rejects
// (as ARTIQ's own drivers do, e.g. in Core.compile) and f-strings: the
// functions that hold them fail only when called.
func TestDriverHostCodeBeyondTheParser(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"device_db.py": `device_db = {"dev": {"type": "local", "module": "drv", "class": "Dev", "arguments": {"n": 3}}}`,
		"drv.py": `from artiq.language.core import *

class Dev:
    kernel_invariants = {"n"}

    def __init__(self, dmgr, n):
        self.n = n
        self.label = "dev"

    def report(self):
        return {k: v for k, v in self.__dict__.items()}

    def compile(self, f):
        try:
            pass
        except Exception as e:
            raise RuntimeError("x") from e

    def name(self):
        return f"dev{self.n}"

    @kernel
    def run(self):
        pass
`,
		"exp.py": `from artiq.experiment import *

class Exp(EnvExperiment):
    def build(self):
        self.setattr_device("dev")
        self.x = WHAT

    @kernel
    def run(self):
        self.dev.run()
`,
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	o := Options{DeviceDB: filepath.Join(dir, "device_db.py"), File: filepath.Join(dir, "exp.py"), Class: "Exp"}
	for _, tc := range []struct{ what, want string }{
		{"1", ""},
		{"self.dev.report()", "dict comprehensions are not supported by the snapshot evaluator (in report, which host code calls here)"},
		{"self.dev.name()", "f-strings are not supported by the snapshot evaluator"},
	} {
		src := strings.Replace(files["exp.py"], "WHAT", tc.what, 1)
		if err := os.WriteFile(o.File, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := Freeze(o)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.what, err)
		case tc.want == "" && !strings.Contains(string(s.Encode()), "attr dev.n invariant int32 3"):
			t.Errorf("%s: snapshot\n%s", tc.what, s.Encode())
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: got %v, want %s", tc.what, err, tc.want)
		}
	}
}
