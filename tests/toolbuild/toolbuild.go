// Package toolbuild builds this repository's commands (kernelc, kernelld)
// once per test binary and runs them, for the end-to-end tests under
// tests/ that drive the real tools rather than their packages.
package toolbuild

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The external programs that compiling, linking and simulating a kernel
// need (tools/setup.sh installs them).
var simTools = []string{"qemu-riscv32", "clang-14", "ld.lld-14", "llc-14"}

// Build builds each Go package (a path relative to the test's directory,
// like "../../compiler/cmd/kernelc") into a fresh temporary directory and
// returns the executables' paths in the same order, and a function that
// removes them.
func Build(pkgs ...string) (paths []string, cleanup func(), err error) {
	dir, err := os.MkdirTemp("", "toolbuild-")
	if err != nil {
		return nil, nil, err
	}
	cleanup = func() { os.RemoveAll(dir) }
	for _, pkg := range pkgs {
		out := filepath.Join(dir, filepath.Base(pkg))
		cmd := exec.Command("go", "build", "-o", out, pkg)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			cleanup()
			return nil, nil, fmt.Errorf("building %s: %v\n%s", pkg, err, stderr.String())
		}
		paths = append(paths, out)
	}
	return paths, cleanup, nil
}

// Main is a TestMain body: it builds the packages into the variables given
// (pairs of *string and package path), runs the tests and cleans up.
func Main(m *testing.M, targets map[*string]string) {
	var ptrs []*string
	var pkgs []string
	for p, pkg := range targets {
		ptrs = append(ptrs, p)
		pkgs = append(pkgs, pkg)
	}
	paths, cleanup, err := Build(pkgs...)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	for i, p := range ptrs {
		*p = paths[i]
	}
	code := m.Run()
	cleanup()
	os.Exit(code)
}

// RequireSimTools skips the test when the simulator's tools are missing,
// and fails it on CI, where the README's set-up must have installed them.
func RequireSimTools(t testing.TB) {
	t.Helper()
	for _, tool := range simTools {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is not installed (the README's setup installs it)", tool)
			}
			t.Skipf("%s is not installed", tool)
		}
	}
}

// Run runs the tool with args and returns its standard output; the test
// fails with the tool's standard error when it exits non-zero.
func Run(t testing.TB, tool string, args ...string) string {
	t.Helper()
	cmd := exec.Command(tool, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(tool), strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String()
}
