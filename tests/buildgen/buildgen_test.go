// Package buildgen_test runs `kernelc buildgen` end to end on a lab of
// kernel modules that import one another across packages
// (testdata/lab): it generates the BUILD files, checks them against
// testdata/golden, runs again (no change), applies hand edits marked
// `# keep` and checks that they survive a third run. With bazel on PATH
// (and without -short) it also builds the generated targets in a copy of
// this repository.
//
// go test ./tests/buildgen -update rewrites the golden files.
package buildgen_test

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// repoRoot is this repository's root, relative to the test's directory.
const repoRoot = "../.."

// kernelc is the kernelc binary built for the tests.
var kernelc string

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "buildgen_test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	kernelc = filepath.Join(dir, "kernelc")
	build := exec.Command("go", "build", "-o", kernelc, "./compiler/cmd/kernelc")
	build.Dir = repoRoot
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building kernelc:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// buildgen runs kernelc buildgen in dir and returns its exit status and
// stderr.
func buildgen(t *testing.T, dir string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(kernelc, append([]string{"buildgen"}, args...)...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.Stdout = &stderr
	err := cmd.Run()
	if exit, ok := err.(*exec.ExitError); ok {
		return exit.ExitCode(), stderr.String()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, stderr.String()
}

// copyTree copies the files below src to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// snapshot maps every file below dir (slash paths) to its contents.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// buildFiles returns the BUILD files of a snapshot.
func buildFiles(files map[string]string) map[string]string {
	out := map[string]string{}
	for p, data := range files {
		if filepath.Base(p) == "BUILD.bazel" || filepath.Base(p) == "BUILD" {
			out[p] = data
		}
	}
	return out
}

// golden compares the BUILD files below ws/lab with testdata/golden/NAME.
func golden(t *testing.T, ws, name string) {
	t.Helper()
	got := buildFiles(snapshot(t, filepath.Join(ws, "lab")))
	dir := filepath.Join("testdata", "golden", name)
	if *update {
		os.RemoveAll(dir)
		for p, data := range got {
			dst := filepath.Join(dir, filepath.FromSlash(p)+".golden")
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(dst, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	want := map[string]string{}
	for p, data := range snapshot(t, dir) {
		want[strings.TrimSuffix(p, ".golden")] = data
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("BUILD files differ from testdata/golden/%s (-want +got; go test -update rewrites them):\n%s", name, d)
	}
}

// edit replaces old by new in ws/name, once.
func edit(t *testing.T, ws, name, old, new string) {
	t.Helper()
	p := filepath.Join(ws, filepath.FromSlash(name))
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(string(data), old) != 1 {
		t.Fatalf("%s: %q occurs %d times, want once", name, old, strings.Count(string(data), old))
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// newWorkspace is a workspace holding a copy of testdata/lab at lab/.
// rules/defs.bzl marks it as rules_artiq's own, as in the copy of this
// repository that the bazel step builds in.
func newWorkspace(t *testing.T) string {
	t.Helper()
	ws := t.TempDir()
	for _, f := range []string{"WORKSPACE", "rules/defs.bzl"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(ws, f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(ws, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	copyTree(t, filepath.Join("testdata", "lab"), filepath.Join(ws, "lab"))
	return ws
}

var genArgs = []string{"--prefix", "lab", "--binaries"}

func TestLab(t *testing.T) {
	ws := newWorkspace(t)

	// 1. Generate.
	code, out := buildgen(t, ws, genArgs...)
	if code != 0 {
		t.Fatalf("buildgen: exit %d\n%s", code, out)
	}
	wantOut := "kernelc buildgen: created lab/drivers/BUILD.bazel\n" +
		"kernelc buildgen: created lab/experiments/BUILD.bazel\n" +
		"kernelc buildgen: created lab/sequences/BUILD.bazel\n"
	if out != wantOut {
		t.Errorf("buildgen said\n%s\nwant\n%s", out, wantOut)
	}
	golden(t, ws, "generated")

	// 2. Again: nothing changes, and --check agrees.
	before := snapshot(t, ws)
	if code, out := buildgen(t, ws, genArgs...); code != 0 || out != "" {
		t.Errorf("second run: exit %d, said %q", code, out)
	}
	if d := cmp.Diff(before, snapshot(t, ws)); d != "" {
		t.Errorf("second run changed files:\n%s", d)
	}
	if code, out := buildgen(t, filepath.Join(ws, "lab", "sequences"), append([]string{"--check"}, genArgs...)...); code != 0 || out != "" {
		t.Errorf("--check after generating: exit %d, said %q", code, out)
	}

	// 3. Hand edits. Marked `# keep`: a whole rule, an attribute, one
	// element of deps; not marked: a dropped dep and a wrong (cyclic) one,
	// both undone. A comment and a target buildgen does not own stay. A new
	// module and a new import are picked up.
	edit(t, ws, "lab/drivers/BUILD.bazel", "kernel_library(\n    name = \"channels\",",
		"# keep: channels stays free of deps, but CI wants this one.\nkernel_library(\n    name = \"channels\",\n    deps = [\":ttl\"],")
	edit(t, ws, "lab/sequences/BUILD.bazel", `    deps = [
        "//lab/drivers:channels",
        "//lab/drivers:ttl",
    ],
)`, `    deps = [
        "//lab/drivers:channels",
        "//lab/drivers:shutter",
        "//lab/drivers:ttl",
    ],  # keep
)`)
	edit(t, ws, "lab/sequences/BUILD.bazel", `    deps = [
        ":cooling",
        "//lab/drivers:channels",`, `    # Readout needs the whole chain.
    deps = [
        ":cooling",
        "//lab/experiments:scan_lib",`)
	edit(t, ws, "lab/experiments/BUILD.bazel", `    deps = [
        "//lab/sequences:cooling",`, `    deps = [
        "//lab/drivers:ttl",  # keep: scan pulses TTLs itself one day
        "//lab/sequences:cooling",`)
	edit(t, ws, "lab/experiments/BUILD.bazel", "kernel_binary(", `# The analysis script, for the docs.
filegroup(
    name = "analysis",
    srcs = ["analysis.py"],
)

kernel_binary(`)
	if err := os.WriteFile(filepath.Join(ws, "lab/drivers/counter.py"), []byte(`# A photon counter's gate input.


@kernel
def gate_counts() -> int32:
    return 0
`), 0o644); err != nil {
		t.Fatal(err)
	}
	edit(t, ws, "lab/sequences/readout.py", "from drivers.channels import PMT_GATE\n",
		"import drivers.counter\nfrom drivers.channels import PMT_GATE\n")

	// 4. A third run keeps the marked edits and undoes the others.
	code, out = buildgen(t, ws, genArgs...)
	if code != 0 {
		t.Fatalf("third run: exit %d\n%s", code, out)
	}
	wantOut = "kernelc buildgen: updated lab/drivers/BUILD.bazel\n" +
		"kernelc buildgen: updated lab/sequences/BUILD.bazel\n"
	if out != wantOut {
		t.Errorf("third run said\n%s\nwant\n%s", out, wantOut)
	}
	golden(t, ws, "kept")
	before = snapshot(t, ws)
	if code, out := buildgen(t, ws, genArgs...); code != 0 || out != "" {
		t.Errorf("fourth run: exit %d, said %q", code, out)
	}
	if d := cmp.Diff(before, snapshot(t, ws)); d != "" {
		t.Errorf("fourth run changed files:\n%s", d)
	}

	// 5. The generated targets build.
	bazelBuild(t, ws)
}

// bazelBuild copies this repository (its files as git knows them, without
// bazel-* output links) to a temporary directory, adds ws/lab as lab/, and
// runs bazel build //lab/... there with its own output root.
func bazelBuild(t *testing.T, ws string) {
	bazel, err := exec.LookPath("bazel")
	if err != nil {
		t.Log("bazel is not on PATH: not building the generated targets")
		return
	}
	if testing.Short() {
		t.Log("-short: not building the generated targets")
		return
	}
	repo := filepath.Join(t.TempDir(), "repo")
	copyRepo(t, repo)
	copyTree(t, filepath.Join(ws, "lab"), filepath.Join(repo, "lab"))
	outRoot := filepath.Join(t.TempDir(), "out")
	// Bazel leaves read-only directories behind; make them removable
	// before t.TempDir's cleanup runs (cleanups run last-in first-out).
	t.Cleanup(func() {
		shutdown := exec.Command(bazel, "--output_user_root="+outRoot, "shutdown")
		shutdown.Dir = repo
		_ = shutdown.Run()
		_ = filepath.WalkDir(outRoot, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				_ = os.Chmod(p, 0o755)
			}
			return nil
		})
	})
	cmd := exec.Command(bazel, "--output_user_root="+outRoot, "--max_idle_secs=60", "build", "--noshow_progress", "//lab/...")
	cmd.Dir = repo
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("bazel build //lab/... of the generated BUILD files failed: %v\n%s", err, out)
	}
}

// copyRepo copies the files of this repository that git tracks or would
// track (the working tree's versions) to dst.
func copyRepo(t *testing.T, dst string) {
	t.Helper()
	var files []string
	cmd := exec.Command("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	cmd.Dir = repoRoot
	if out, err := cmd.Output(); err == nil {
		for _, f := range strings.Split(string(out), "\x00") {
			if f != "" {
				files = append(files, f)
			}
		}
	} else {
		// Not a git checkout: every file, without .git and bazel-* links.
		err := filepath.WalkDir(repoRoot, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if d.IsDir() && p != repoRoot && (name == ".git" || strings.HasPrefix(name, "bazel-")) {
				return filepath.SkipDir
			}
			if d.Type().IsRegular() {
				rel, _ := filepath.Rel(repoRoot, p)
				files = append(files, filepath.ToSlash(rel))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	sort.Strings(files)
	for _, f := range files {
		if strings.HasPrefix(f, "bazel-") {
			continue
		}
		src := filepath.Join(repoRoot, filepath.FromSlash(f))
		st, err := os.Lstat(src)
		if err != nil || !st.Mode().IsRegular() {
			continue // deleted in the working tree, or a link
		}
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dst, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, st.Mode().Perm()); err != nil {
			t.Fatal(err)
		}
	}
}

// Unresolvable imports: exit 2, file:line:col, and the rest is written.
// --check reports out-of-date files with exit 1 and writes nothing.
func TestErrorsAndCheck(t *testing.T) {
	ws := newWorkspace(t)
	edit(t, ws, "lab/sequences/cooling.py", "import drivers.ttl as ttl\n", "import drivers.ttl as ttl\nimport drivers.laser\nfrom .helpers import x\n")

	code, out := buildgen(t, ws, append([]string{"--check"}, genArgs...)...)
	want := `lab/sequences/cooling.py:4:8: cannot resolve import "drivers.laser"
lab/sequences/cooling.py:5:1: cannot resolve import "sequences.helpers"
kernelc buildgen: lab/drivers/BUILD.bazel is out of date
kernelc buildgen: lab/experiments/BUILD.bazel is out of date
kernelc buildgen: lab/sequences/BUILD.bazel is out of date
`
	if code != 2 || out != want {
		t.Errorf("--check: exit %d, said\n%s\nwant exit 2 and\n%s", code, out, want)
	}
	if got := buildFiles(snapshot(t, ws)); len(got) != 0 {
		t.Errorf("--check wrote %v", got)
	}

	// From a subdirectory: paths are relative to it.
	code, out = buildgen(t, filepath.Join(ws, "lab", "sequences"), genArgs...)
	if code != 2 || !strings.HasPrefix(out, "cooling.py:4:8: cannot resolve import \"drivers.laser\"\n") {
		t.Errorf("exit %d, said\n%s", code, out)
	}
	if got := buildFiles(snapshot(t, filepath.Join(ws, "lab"))); len(got) != 3 {
		t.Errorf("with errors, want the 3 BUILD files still written; got %v", got)
	}

	// A mapping resolves it.
	code, out = buildgen(t, ws, append([]string{"--resolve", "drivers.laser=@lasers//:laser", "--resolve", "sequences.helpers=//lab/sequences:helpers"}, genArgs...)...)
	if code != 0 || out != "kernelc buildgen: updated lab/sequences/BUILD.bazel\n" {
		t.Errorf("with --resolve: exit %d, said\n%s", code, out)
	}
	if got := snapshot(t, ws)["lab/sequences/BUILD.bazel"]; !strings.Contains(got, `"@lasers//:laser",`) {
		t.Errorf("mapping not applied:\n%s", got)
	}

	// Bad usage.
	for _, args := range [][]string{
		{"--prefix", "nothere"},
		{"--resolve", "x"},
		{"--nosuchflag"},
		{"--prefix", "lab", "/"},
	} {
		if code, _ := buildgen(t, ws, args...); code != 2 {
			t.Errorf("buildgen %q: exit %d, want 2", args, code)
		}
	}
	if code, _ := buildgen(t, t.TempDir()); code != 2 {
		t.Errorf("outside a workspace: exit %d, want 2", code)
	}
}

// The examples' BUILD files are generated: after an import changes,
// `kernelc buildgen --prefix examples --binaries` must be rerun.
func TestExamplesUpToDate(t *testing.T) {
	code, out := buildgen(t, repoRoot, "--check", "--prefix", "examples", "--binaries")
	if code != 0 || out != "" {
		t.Errorf("examples: exit %d, said\n%s\nrun `go run ./compiler/cmd/kernelc buildgen --prefix examples --binaries` at the repository root", code, out)
	}
}
