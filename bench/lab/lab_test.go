package lab

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/rules-artiq/rules_artiq/buildfile"
	"github.com/rules-artiq/rules_artiq/compiler/driver"
	"github.com/rules-artiq/rules_artiq/compiler/target"
)

func TestDeterministic(t *testing.T) {
	cfg := SizeConfig(7, 60)
	a, err := Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Files) != len(b.Files) {
		t.Fatalf("%d files, then %d", len(a.Files), len(b.Files))
	}
	for p, data := range a.Files {
		if !bytes.Equal(data, b.Files[p]) {
			t.Errorf("%s differs between two generations with the same seed", p)
		}
	}
	cfg.Seed = 8
	c, err := Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a.Files["experiments/e000.py"], c.Files["experiments/e000.py"]) {
		t.Error("seeds 7 and 8 gave the same experiments/e000.py")
	}
}

func TestShape(t *testing.T) {
	for _, n := range []int{10, 100, 1000} {
		l, err := Generate(SizeConfig(1, n))
		if err != nil {
			t.Fatal(err)
		}
		m := l.Manifest
		if m.Modules != n {
			t.Errorf("size %d: %d modules", n, m.Modules)
		}
		py := 0
		for _, p := range l.Paths() {
			if strings.HasSuffix(p, ".py") && p != "device_db.py" {
				py++
			}
		}
		if py != n {
			t.Errorf("size %d: %d kernel modules written", n, py)
		}
		for mod, lines := range m.Lines {
			if strings.HasPrefix(mod, "experiments.") && (lines < 100 || lines > 200) {
				t.Errorf("size %d: %s has %d lines, want 100 to 200", n, mod, lines)
			}
		}
		if m.Host == nil || m.Leaf.Module == "" || m.Wide.Module != "lib.common" {
			t.Errorf("size %d: manifest %+v", n, m)
		}
		if m.Phase.Lines < 130 || m.Phase.Lines > 170 {
			t.Errorf("size %d: the phase experiment has %d lines", n, m.Phase.Lines)
		}
		for _, f := range []string{m.Leaf.File, m.Wide.File, m.Host.File} {
			if !strings.Contains(string(l.Files[f]), EditMarker) {
				t.Errorf("size %d: %s has no edit marker", n, f)
			}
		}
	}
}

// TestCompiles runs the compiler's front end and lowering on every module
// of a few labs, in dependency order, as the KernelCompile actions do
// (without the host-value slices: those compiles are Bazel's).
func TestCompiles(t *testing.T) {
	tgt, err := target.Lookup(target.Default)
	if err != nil {
		t.Fatal(err)
	}
	for _, seed := range []uint64{1, 2, 3} {
		l, err := Generate(SizeConfig(seed, 60))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := compileLab(l, tgt); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
	}
}

// compileLab compiles every module of l in dependency order and returns
// the interfaces by module.
func compileLab(l *Lab, tgt *target.Target) (map[string][]byte, error) {
	var order []string
	for _, p := range l.Paths() {
		if strings.HasSuffix(p, ".py") && p != "device_db.py" {
			order = append(order, p)
		}
	}
	rank := func(p string) int {
		switch {
		case strings.HasPrefix(p, "drivers/"), strings.HasPrefix(p, "devices/"):
			return 0
		case p == "lib/common.py":
			return 1
		case strings.HasPrefix(p, "lib/"):
			return 2
		}
		return 3
	}
	// Library modules only import lower-numbered ones: sort them by the
	// number in their name.
	sort.SliceStable(order, func(i, j int) bool {
		ri, rj := rank(order[i]), rank(order[j])
		if ri != rj {
			return ri < rj
		}
		if ri == 2 {
			return libNumber(order[i]) < libNumber(order[j])
		}
		return order[i] < order[j]
	})
	ifaces := map[string][]byte{}
	for _, p := range order {
		mod := moduleOf(p)
		res, err := driver.Frontend(&driver.Unit{File: p, Source: l.Files[p], Module: mod, Imports: ifaces, Target: tgt}, true)
		if err != nil {
			var b strings.Builder
			driver.Render(&b, err, map[string][]byte{p: l.Files[p]})
			return nil, fmt.Errorf("%s:\n%s", p, b.String())
		}
		ifaces[mod] = res.Interface
	}
	return ifaces, nil
}

func libNumber(p string) string {
	i := strings.LastIndex(p, "_")
	return p[i+1:]
}

// TestBuildgenAgrees checks that the generated BUILD files are what
// `kernelc buildgen --prefix lab --binaries` keeps: it finds nothing to
// change and reports no error.
func TestBuildgenAgrees(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "WORKSPACE"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := SizeConfig(5, 40)
	cfg.Package = "lab"
	l, err := Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Write(filepath.Join(root, "lab")); err != nil {
		t.Fatal(err)
	}
	res, err := buildfile.Generate(buildfile.Config{Root: root, ModuleRoot: "lab", Binaries: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diags {
		t.Errorf("buildgen: %+v", d)
	}
	for _, c := range res.Changes {
		t.Errorf("buildgen would change %s", c.Path)
	}
}
