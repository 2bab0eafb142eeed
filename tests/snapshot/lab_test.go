// Package snapshot_test runs the example lab (lab/) end to end:
// its experiment is frozen with `kernelc snapshot` and run with `kernelc
// run --snapshot`, which compiles each kernel module from its own slice
// as the build does; the output and the RTIO timeline must equal the
// expected ones (issue 5's acceptance check). It also checks reuse by
// construction on the files those per-module steps write: a change of a
// non-invariant value changes no slice and no archive, only the ELF; a
// change of an invariant changes only the slice and the archive of the
// module that folds it.
package snapshot_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rules-artiq/rules_artiq/tests/toolbuild"
)

var kernelc, kernelld string

func TestMain(m *testing.M) {
	toolbuild.Main(m, map[*string]string{&kernelc: "../../compiler/cmd/kernelc", &kernelld: "../../linker/cmd/kernelld"})
}

const lab = "lab"

// freeze writes the lab's snapshot with the given arguments.
func freeze(t *testing.T, out string, args ...string) {
	t.Helper()
	a := []string{"snapshot", "--device-db", lab + "/device_db.py", "--path", lab, "--module", "experiments.rabi"}
	for _, x := range args {
		a = append(a, "--arg", x)
	}
	a = append(a, lab+"/experiments/rabi.py:Rabi", "-o", out)
	toolbuild.Run(t, kernelc, a...)
}

// runLab runs the frozen experiment, keeping the per-module files in dir,
// and returns its output and timeline.
func runLab(t *testing.T, snap, dir string) (stdout, timeline string) {
	t.Helper()
	csv := filepath.Join(dir, "timeline.csv")
	stdout = toolbuild.Run(t, kernelc, "run", "--snapshot", snap, "--path", lab, "--out-dir", dir, "--timeline", csv,
		lab+"/experiments/rabi.py:Rabi.run")
	data, err := os.ReadFile(csv)
	if err != nil {
		t.Fatal(err)
	}
	return stdout, string(data)
}

func TestLabRun(t *testing.T) {
	toolbuild.RequireSimTools(t)
	dir := t.TempDir()
	snap := filepath.Join(dir, "rabi.snap")
	freeze(t, snap)
	stdout, timeline := runLab(t, snap, filepath.Join(dir, "out"))
	wantOut, _ := os.ReadFile(lab + "/experiments/rabi.stdout")
	wantTL, _ := os.ReadFile(lab + "/experiments/rabi.timeline.csv")
	if stdout != string(wantOut) {
		t.Errorf("output:\n%s\nwant\n%s", stdout, wantOut)
	}
	if timeline != string(wantTL) {
		t.Errorf("timeline:\n%s\nwant\n%s", timeline, wantTL)
	}
	// The host tables name every object; the entry runs on self.
	tables, err := os.ReadFile(filepath.Join(dir, "out", "experiments.rabi.tables.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"entry": "experiments.rabi.Rabi.run"`, `"id": "ttl2"`, `"symbol": "obj.self"`} {
		if !strings.Contains(string(tables), want) {
			t.Errorf("host tables lack %s:\n%s", want, tables)
		}
	}
	// kernelld links the same archives with the snapshot's data object
	// (the entry defaults to the snapshot's) and writes the same tables.
	out := filepath.Join(dir, "out")
	cmd := exec.Command(kernelld, "--target", "rv32g", "--snapshot", snap, "--llc", "llc-14", "--lld", "ld.lld-14",
		"-o", filepath.Join(dir, "k.elf"), "--tables", filepath.Join(dir, "k.json"),
		filepath.Join(out, "experiments.rabi.a"), filepath.Join(out, "lib.ttl.a"), filepath.Join(out, "lib.core.a"))
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("kernelld: %v\n%s", err, msg)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "k.json")); !bytes.Equal(got, tables) {
		t.Errorf("kernelld --snapshot tables:\n%s\nwant\n%s", got, tables)
	}
}

func files(t *testing.T, dir, ext string) map[string][]byte {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join(dir, "*"+ext))
	out := map[string][]byte{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[strings.TrimSuffix(filepath.Base(p), ext)] = data
	}
	return out
}

func TestLabReuse(t *testing.T) {
	toolbuild.RequireSimTools(t)
	dir := t.TempDir()
	run := func(name string, args ...string) string {
		snap := filepath.Join(dir, name+".snap")
		freeze(t, snap, args...)
		out := filepath.Join(dir, name)
		runLab(t, snap, out)
		return out
	}
	base := run("base")
	value := run("value", "t_drive=3e-6")       // not an invariant: link-time data
	invariant := run("invariant", "n_points=4") // folded by experiments.rabi

	baseSlices, baseArchives := files(t, base, ".slice"), files(t, base, ".a")
	if len(baseSlices) != 3 || len(baseArchives) != 3 {
		t.Fatalf("want 3 modules (experiments.rabi, lib.core, lib.ttl), got slices %d, archives %d", len(baseSlices), len(baseArchives))
	}
	elf := func(dir string) []byte {
		data, err := os.ReadFile(filepath.Join(dir, "experiments.rabi.elf"))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}

	for m := range baseSlices {
		if !bytes.Equal(baseSlices[m], files(t, value, ".slice")[m]) {
			t.Errorf("a non-invariant value change changed the slice of %s", m)
		}
		if !bytes.Equal(baseArchives[m], files(t, value, ".a")[m]) {
			t.Errorf("a non-invariant value change changed the archive of %s", m)
		}
	}
	if bytes.Equal(elf(base), elf(value)) {
		t.Errorf("a non-invariant value change left the ELF unchanged")
	}

	for m := range baseSlices {
		changedSlice := !bytes.Equal(baseSlices[m], files(t, invariant, ".slice")[m])
		changedArchive := !bytes.Equal(baseArchives[m], files(t, invariant, ".a")[m])
		want := m == "experiments.rabi"
		if changedSlice != want || changedArchive != want {
			t.Errorf("invariant change: module %s: slice changed %v, archive changed %v; want %v", m, changedSlice, changedArchive, want)
		}
	}
	if bytes.Equal(elf(base), elf(invariant)) {
		t.Errorf("an invariant change left the ELF unchanged")
	}

	// The base archives link with the value-changed snapshot (their slices
	// are the same), but not with the invariant-changed one: the
	// experiment's archive folded n_points = 3, and the link says it is
	// stale instead of producing a binary that runs with the wrong value.
	link := func(snap string) (string, error) {
		cmd := exec.Command(kernelld, "--target", "rv32g", "--snapshot", snap, "--llc", "llc-14", "--lld", "ld.lld-14",
			"-o", filepath.Join(dir, "x.elf"),
			filepath.Join(base, "experiments.rabi.a"), filepath.Join(base, "lib.ttl.a"), filepath.Join(base, "lib.core.a"))
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := link(filepath.Join(dir, "value.snap")); err != nil {
		t.Errorf("linking the base archives with a non-invariant change: %v\n%s", err, out)
	}
	out, err := link(filepath.Join(dir, "invariant.snap"))
	if err == nil || !strings.Contains(out, "stale archive: module experiments.rabi") || !strings.Contains(out, "self.n_points") {
		t.Errorf("linking an archive that folded another n_points: %v\n%s", err, out)
	}
}

// TestSliceCommand checks `kernelc slice` (the KernelSlice action) on its
// own: it needs the interfaces of the modules whose host classes the
// module calls, and its output ignores values the module does not fold.
func TestSliceCommand(t *testing.T) {
	toolbuild.RequireSimTools(t)
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.snap"), filepath.Join(dir, "b.snap")
	freeze(t, a)
	freeze(t, b, "t_step=1e-6")
	out := filepath.Join(dir, "out")
	runLab(t, a, out)
	for i, snap := range []string{a, b} {
		got := filepath.Join(dir, "slice"+string(rune('0'+i)))
		toolbuild.Run(t, kernelc, "slice", "--module", "experiments.rabi", "--snapshot", snap,
			"--iface", "lib.ttl="+filepath.Join(out, "lib.ttl.iface"),
			"--iface", "lib.core="+filepath.Join(out, "lib.core.iface"),
			lab+"/experiments/rabi.py", "-o", got)
		data, _ := os.ReadFile(got)
		want, _ := os.ReadFile(filepath.Join(out, "experiments.rabi.slice"))
		if !bytes.Equal(data, want) {
			t.Errorf("kernelc slice over %s:\n%s\nwant\n%s", filepath.Base(snap), data, want)
		}
	}
}
