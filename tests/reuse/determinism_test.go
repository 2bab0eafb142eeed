package reuse_test

import (
	"fmt"
	"sort"
	"testing"

	"github.com/rules-artiq/rules_artiq/tests/bazeltest"
)

// testDeterminism builds targets in the second checkout without any cache
// (--disk_cache= --noremote_accept_cached) with --jobs=2, and compares
// the digest of every output of every spawn with the first checkout's
// uncached --jobs=1 build: two absolute paths, two thread counts, every
// action executed in both (a cache hit would hide nondeterminism).
func testDeterminism(t *testing.T, l *lab) {
	if testing.Short() {
		t.Skip("-short: no uncached builds (they take most of the test's time)")
	}
	l.uncached = l.build(t, l.b, "second checkout, uncached, --jobs=2", "--disk_cache=", "--noremote_accept_cached", "--jobs=2", targets)
	compareRuns(t, run{l.a, l.first}, run{l.b, l.uncached})
}

type run struct {
	w *bazeltest.Workspace
	r *bazeltest.Result
}

type output struct {
	digest string
	action string
}

// outputs maps the path of each output of each spawn to its digest, and
// checks that every spawn executed.
func (x run) outputs(t *testing.T) map[string]output {
	t.Helper()
	m := map[string]output{}
	for _, s := range x.r.Log.Spawns {
		if !s.Executed() {
			t.Errorf("%s (%s): %s was a cache hit (%s): it must execute for the comparison to mean anything", x.w.Name, x.w.Dir, s.Action(), s.Runner)
		}
		for _, f := range s.ActualOutputs {
			m[f.Path] = output{digest: f.Digest.Hash, action: s.Action()}
		}
	}
	for _, mn := range mnemonics {
		if len(x.r.Log.ByMnemonic(mn)) == 0 {
			t.Errorf("%s: no %s spawn to compare", x.w.Name, mn)
		}
	}
	return m
}

func compareRuns(t *testing.T, x, y run) {
	t.Helper()
	ox, oy := x.outputs(t), y.outputs(t)
	var paths []string
	for p := range ox {
		paths = append(paths, p)
	}
	for p := range oy {
		if _, ok := ox[p]; !ok {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	same := 0
	for _, p := range paths {
		a, inX := ox[p]
		b, inY := oy[p]
		switch {
		case !inX:
			t.Errorf("%s: only %s's build wrote it (%s)", p, y.w.Name, b.action)
		case !inY:
			t.Errorf("%s: only %s's build wrote it (%s)", p, x.w.Name, a.action)
		case a.digest != b.digest:
			t.Errorf("%s (%s) differs between %s and %s: sha256 %s and %s; %s",
				p, a.action, x.w.Dir, y.w.Dir, a.digest, b.digest,
				firstDifference(x.w.ReadOutput(t, p), y.w.ReadOutput(t, p)))
		default:
			same++
		}
	}
	t.Logf("%d outputs of %d and %d spawns compared, %d byte-identical", len(paths), len(x.r.Log.Spawns), len(y.r.Log.Spawns), same)
}

// firstDifference describes where two files first differ.
func firstDifference(a, b []byte) string {
	n := len(a)
	if len(b) < n {
		n = len(b)
	}
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			lo, hi := i-16, i+16
			if lo < 0 {
				lo = 0
			}
			if hi > n {
				hi = n
			}
			return fmt.Sprintf("first difference at byte %d: %q vs %q", i, a[lo:hi], b[lo:hi])
		}
	}
	return fmt.Sprintf("sizes %d and %d, equal up to byte %d", len(a), len(b), n)
}

// testNoAbsolutePaths checks the spawns of the first builds: no argument
// is an absolute path, and neither the arguments, the environment nor any
// output holds a checkout's path, an output base, the test directory, the
// user's name or home directory, or the host's name. The Go tools (the
// outputs of GoToolBuild) are searched for the paths only: a Go binary
// holds thousands of identifiers, and a user called "root" shares its
// name with a method of io/fs.
func testNoAbsolutePaths(t *testing.T, l *lab) {
	runs := []run{{l.a, l.first}}
	if l.uncached != nil {
		runs = append(runs, run{l.b, l.uncached})
	}
	var paths []bazeltest.Needle
	for _, x := range runs {
		paths = append(paths, bazeltest.PathNeedles("the path of checkout "+x.w.Name, x.w.Dir)...)
		paths = append(paths, bazeltest.PathNeedles("the output base of "+x.w.Name, x.w.OutputBase(t))...)
	}
	paths = append(paths, bazeltest.PathNeedles("the test directory", l.env.Root)...)
	host, skipped := bazeltest.HostNeedles(4)
	needles := append(append([]bazeltest.Needle(nil), paths...), host...)
	for _, s := range skipped {
		t.Logf("not checked: %s", s)
	}
	files := 0
	for _, x := range runs {
		for _, s := range x.r.Log.Spawns {
			if abs := bazeltest.AbsoluteArgs(s); len(abs) > 0 {
				t.Errorf("%s: %s has absolute paths on its command line: %q", x.w.Name, s.Action(), abs)
			}
			for _, leak := range bazeltest.CommandLineLeaks(s, needles) {
				t.Errorf("%s: %s: %s", x.w.Name, s.Action(), leak)
			}
			search := needles
			if s.Mnemonic == "GoToolBuild" {
				search = paths
			}
			for _, f := range s.ActualOutputs {
				files++
				for _, leak := range bazeltest.Find(x.w.ReadOutput(t, f.Path), search) {
					t.Errorf("%s: %s, output of %s: %s", x.w.Name, f.Path, s.Action(), leak)
				}
			}
		}
	}
	t.Logf("%d outputs searched for %d strings", files, len(needles))
}
