// Package conformance runs every program in testdata/programs twice: under
// CPython with a small shim that supplies the ARTIQ names (shim.py), and
// compiled by kernelc, linked, and run in the simulator. Their stdout, exit
// status and RTIO timeline must agree. A program whose semantics
// deliberately differ from CPython's carries its expectation in
// NAME.expected (stdout), NAME.status and NAME.timeline.csv files instead.
package conformance

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var kernelc string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "conformance-")
	if err != nil {
		panic(err)
	}
	usePythonWithNumPy(dir)
	kernelc = filepath.Join(dir, "kernelc")
	build := exec.Command("go", "build", "-o", kernelc, "../../compiler/cmd/kernelc")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		panic("building kernelc: " + err.Error())
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// haveNumPy says whether the python3 on PATH (the oracle, and the RPC
// host of the simulator) has NumPy, which programs with arrays need.
var haveNumPy bool

// usePythonWithNumPy puts a python3 that has NumPy first on PATH: the
// python3 already there, or Debian's (tools/setup.sh installs
// python3-numpy for it) when another python3 (pyenv, a venv) comes first.
func usePythonWithNumPy(dir string) {
	hasNumPy := func(py string) bool { return exec.Command(py, "-c", "import numpy").Run() == nil }
	if py, err := exec.LookPath("python3"); err == nil && hasNumPy(py) {
		haveNumPy = true
		return
	}
	const debian = "/usr/bin/python3"
	if _, err := os.Stat(debian); err != nil || !hasNumPy(debian) {
		return
	}
	bin := filepath.Join(dir, "bin")
	if os.MkdirAll(bin, 0o755) != nil || os.Symlink(debian, filepath.Join(bin, "python3")) != nil {
		return
	}
	os.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	haveNumPy = true
}

// needsNumPy reports programs that use NumPy-style arrays.
func needsNumPy(prog string) bool {
	data, err := os.ReadFile(prog)
	return err == nil && numpyUse.Match(data)
}

var numpyUse = regexp.MustCompile(`numpy|\barray\(`)

// requireTools skips the test when the simulator's tools are absent on a
// developer machine; CI installs them, and there a missing tool fails.
func requireTools(t *testing.T) {
	for _, tool := range []string{"python3", "qemu-riscv32", "clang-14", "ld.lld-14", "llc-14", "llvm-ar-14"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is not installed (the README's setup installs it)", tool)
			}
			t.Skipf("%s is not installed", tool)
		}
	}
}

type outcome struct {
	stdout   string
	status   int
	timeline string
}

func run(t *testing.T, name string, args ...string) outcome {
	t.Helper()
	cmd := exec.Command(name, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	status := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		status = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if status > 1 {
		t.Logf("%s stderr:\n%s", filepath.Base(name), stderr.String())
	}
	return outcome{stdout: stdout.String(), status: status}
}

func TestPrograms(t *testing.T) {
	requireTools(t)
	progs, err := filepath.Glob("testdata/programs/*.py")
	if err != nil || len(progs) == 0 {
		t.Fatalf("no programs found: %v", err)
	}
	for _, prog := range progs {
		prog := prog
		name := strings.TrimSuffix(filepath.Base(prog), ".py")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if !haveNumPy && needsNumPy(prog) {
				if os.Getenv("CI") != "" {
					t.Fatal("no python3 with NumPy (tools/setup.sh installs python3-numpy)")
				}
				t.Skip("no python3 with NumPy")
			}
			dir := t.TempDir()
			want := expectation(t, prog, dir)
			tl := filepath.Join(dir, "kernel.csv")
			got := run(t, kernelc, "run", "--timeline", tl, prog)
			if data, err := os.ReadFile(tl); err == nil {
				got.timeline = string(data)
			}
			if got.stdout != want.stdout {
				t.Errorf("stdout differs\n--- want\n%s--- got\n%s", want.stdout, got.stdout)
			}
			if got.status != want.status {
				t.Errorf("exit status: want %d, got %d", want.status, got.status)
			}
			if normalizeTimeline(got.timeline) != normalizeTimeline(want.timeline) {
				t.Errorf("timeline differs\n--- want\n%s--- got\n%s", want.timeline, got.timeline)
			}
		})
	}
}

// expectation is CPython's outcome, unless the program states its own.
func expectation(t *testing.T, prog, dir string) outcome {
	base := strings.TrimSuffix(prog, ".py")
	if data, err := os.ReadFile(base + ".expected"); err == nil {
		want := outcome{stdout: string(data)}
		if s, err := os.ReadFile(base + ".status"); err == nil {
			want.status, _ = strconv.Atoi(strings.TrimSpace(string(s)))
		}
		if tl, err := os.ReadFile(base + ".timeline.csv"); err == nil {
			want.timeline = string(tl)
		}
		return want
	}
	tl := filepath.Join(dir, "python.csv")
	want := run(t, "python3", "shim.py", prog, tl)
	data, err := os.ReadFile(tl)
	if err != nil {
		t.Fatalf("the shim wrote no timeline: %v", err)
	}
	want.timeline = string(data)
	return want
}

// normalizeTimeline treats an empty timeline file and a missing one alike.
func normalizeTimeline(s string) string {
	if strings.TrimSpace(s) == "time_mu,channel,address,data" {
		return ""
	}
	return s
}
