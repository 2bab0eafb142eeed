package conformance

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden .err files of testdata/errors")

// TestDiagnostics compiles every program in testdata/errors as a kernel
// library module: each must fail with exit status 2, print exactly the
// diagnostics of its golden NAME.err file (file:line:column, the source line,
// a caret), and leave no output behind, not even an older one.
func TestDiagnostics(t *testing.T) {
	progs, err := filepath.Glob("testdata/errors/*.py")
	if err != nil || len(progs) == 0 {
		t.Fatalf("no programs found: %v", err)
	}
	for _, prog := range progs {
		prog := prog
		t.Run(strings.TrimSuffix(filepath.Base(prog), ".py"), func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			archive, iface := filepath.Join(dir, "out.a"), filepath.Join(dir, "out.iface")
			// Stale outputs from an earlier good build must not survive.
			for _, p := range []string{archive, iface} {
				if err := os.WriteFile(p, []byte("stale"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			cmd := exec.Command(kernelc, "compile", "--out-archive", archive, "--out-iface", iface, prog)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			err := cmd.Run()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 2 {
				t.Fatalf("want exit status 2, got %v\n%s", err, stderr.String())
			}
			golden := strings.TrimSuffix(prog, ".py") + ".err"
			if *update {
				if err := os.WriteFile(golden, stderr.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if stderr.String() != string(want) {
				t.Errorf("diagnostics differ\n--- want\n%s--- got\n%s", want, stderr.String())
			}
			for _, p := range []string{archive, iface} {
				if _, err := os.Stat(p); !os.IsNotExist(err) {
					t.Errorf("%s was left behind after a failed compile", filepath.Base(p))
				}
			}
		})
	}
}
