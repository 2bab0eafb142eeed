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
