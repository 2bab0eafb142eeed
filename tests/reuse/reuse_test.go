// Package reuse_test proves, with a real Bazel, that reuse comes out of
// the structure of the actions (BRIEF section 3, invariants 1 and 3;
// issue 4): it builds //examples/... in temporary copies of this
// repository and asserts, from Bazel's execution log, exactly which
// actions executed after each kind of edit, that a second checkout at
// another path gets every action from the cache, and that two uncached
// builds at two paths with --jobs=1 and --jobs=2 give byte-identical
// outputs with no absolute path, user name or host name in any output or
// command line. docs/reuse.md explains the scenarios and how to run them.
//
//	go test ./tests/reuse/            # everything (3 to 8 minutes on 2 cores)
//	go test -short ./tests/reuse/     # without the two uncached builds
//
// Without bazel on PATH the test is skipped, unless CI is set.
package reuse_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rules-artiq/rules_artiq/tests/bazeltest"
)

// targets is what every build of the scenarios builds.
const targets = "//examples/..."

// The module whose edits the scenarios make: a library that other
// modules import.
const (
	ttlModule = "lib.ttl"
	ttlSrc    = "examples/lib/ttl.py"
	// rabiLink names the link of //examples/experiments:rabi, which
	// contains lib.ttl: the edit scenarios check that they see it.
	rabiLink = "KernelLink examples/experiments/rabi.elf"
)

// The mnemonics of rules_artiq's actions; a build of //examples/... from
// scratch runs each at least once.
var mnemonics = []string{"GoToolBuild", "KernelSimRuntime", "KernelCompile", "KernelLink"}

// lab is the state the scenarios share: two checkouts of this repository
// at two absolute paths and the first build of each.
type lab struct {
	env *bazeltest.Env
	// a is where the edit scenarios run; b is the second checkout.
	a, b *bazeltest.Workspace
	// cache holds the flags that select the shared cache (--disk_cache).
	cache []string
	// first is a's first build of targets, from an empty output base:
	// its log lists every action of the lab (the action graph that the
	// expectations are computed from). Without -short every spawn of it
	// executed (--noremote_accept_cached).
	first *bazeltest.Result
	// uncached is b's build without any cache (--jobs=2), for the
	// determinism checks; nil with -short.
	uncached *bazeltest.Result
	timings  []string
}

// diskCache returns the disk cache the scenarios share: the one .bazelrc
// names (~/.cache/rules_artiq/disk), or $REUSE_DISK_CACHE ("temp": a new
// one in the test's directory, so that nothing is reused from earlier
// runs).
func diskCache(t *testing.T, env *bazeltest.Env) string {
	switch v := os.Getenv("REUSE_DISK_CACHE"); v {
	case "":
		home, err := os.UserHomeDir()
		if err != nil {
			t.Fatal(err)
		}
		return filepath.Join(home, ".cache", "rules_artiq", "disk")
	case "temp":
		return filepath.Join(env.Root, "disk-cache")
	default:
		abs, err := filepath.Abs(v)
		if err != nil {
			t.Fatal(err)
		}
		return abs
	}
}

func (l *lab) build(t *testing.T, w *bazeltest.Workspace, what string, args ...string) *bazeltest.Result {
	t.Helper()
	r := w.Build(t, args...)
	sum := r.Log.Summarize()
	line := fmt.Sprintf("%-44s %6.1fs  %s", what+" ("+w.Name+")", r.Elapsed.Seconds(), r.Processes.Line)
	l.timings = append(l.timings, line)
	t.Logf("%s\n  %s", line, sum)
	return r
}

func TestReuse(t *testing.T) {
	bazel := bazeltest.Require(t)
	start := time.Now()
	// Untracked: a working tree with new files that are not added yet
	// builds as it does in place (in CI the same as the tracked files).
	env := bazeltest.NewEnv(t, bazel, bazeltest.Options{Untracked: true})
	l := &lab{
		env: env,
		// Names of two lengths: a path that leaked into an output would
		// also change its size.
		a: env.Workspace(t, "a"),
		b: env.Workspace(t, "checkout-b"),
	}
	l.cache = []string{"--disk_cache=" + diskCache(t, env)}
	t.Logf("checkouts %s and %s; %s", l.a.Dir, l.b.Dir, l.cache[0])
	defer func() {
		t.Logf("builds:\n%s\ntotal %.1fs", strings.Join(l.timings, "\n"), time.Since(start).Seconds())
	}()

	if testing.Short() {
		l.first = l.build(t, l.a, "first build", append(l.cache, targets)...)
	} else {
		// Every action executes (and is uploaded to the cache for the
		// second checkout); the determinism check compares its outputs.
		l.first = l.build(t, l.a, "first build, uncached, --jobs=1", append(l.cache, "--jobs=1", "--noremote_accept_cached", targets)...)
	}
	checkLab(t, l.first)
	if t.Failed() {
		return
	}

	t.Run("determinism", func(t *testing.T) { testDeterminism(t, l) })
	t.Run("no_absolute_paths", func(t *testing.T) { testNoAbsolutePaths(t, l) })
	t.Run("second_checkout", func(t *testing.T) {
		t.Run("disk_cache", func(t *testing.T) {
			// The cache holds a's results: its first build uploaded them.
			secondCheckout(t, l, l.b, l.cache)
		})
	})
	t.Run("noop", func(t *testing.T) { testNoop(t, l) })
	t.Run("body_edit", func(t *testing.T) { testBodyEdit(t, l) })
	t.Run("trailing_comment", func(t *testing.T) { testTrailingComment(t, l) })
	t.Run("private_helper", func(t *testing.T) { testPrivateHelper(t, l) })
	t.Run("signature_change", func(t *testing.T) {
		t.Run("importers", func(t *testing.T) { testSignatureChange(t, l) })
		t.Run("transitive_dependent", func(t *testing.T) { testTransitiveDependent(t, l) })
	})
	t.Run("value", func(t *testing.T) {
		t.Run("non_invariant", func(t *testing.T) {
			// A non-invariant host value change: the snapshot and the
			// slice actions (whose outputs come out byte-identical), and
			// the link; zero compiles.
			testValueChange(t, l, `"t_drive": "3e-6"`, nil)
		})
		t.Run("invariant", func(t *testing.T) {
			// An invariant value change: only the compile of the module
			// that folds it (experiments.rabi), and the link.
			testValueChange(t, l, `"n_points": "4"`, []string{"experiments.rabi"})
		})
	})
}

// The lab with host objects (tests/snapshot/lab): an experiment whose
// kernels read devices, arguments and datasets from a kernel_snapshot.
const (
	snapTarget = "//tests/snapshot/lab/experiments:rabi"
	snapBuild  = "tests/snapshot/lab/experiments/BUILD.bazel"
	snapLink   = "KernelLink tests/snapshot/lab/experiments/rabi.elf"
)

// testValueChange sets one argument of the lab's kernel_snapshot (in its
// BUILD file: the experiment's sources stay as they are) and checks that
// exactly the snapshot, the slices, the compiles of the modules named in
// compiles, and the link execute, and that the slices of the other
// modules come out byte-identical.
func testValueChange(t *testing.T, l *lab, arg string, compiles []string) {
	w := l.a
	w.Restore(t)
	base := l.build(t, w, "value change "+arg+": baseline", append(l.cache, snapTarget)...)
	slices := base.Log.ByMnemonic("KernelSlice")
	if len(slices) == 0 {
		t.Fatalf("no KernelSlice action in %s's graph: %q", snapTarget, base.Log.Actions())
	}
	sliceDigests := map[string]string{}
	for _, s := range slices {
		for _, out := range s.Outputs() {
			sliceDigests[out] = w.OutputDigest(t, out)
		}
	}
	w.Edit(t, snapBuild, func(s string) string {
		old := `    experiment = "rabi.py:Rabi",`
		if strings.Count(s, old) != 1 {
			t.Fatalf("%s does not hold %q once: update the scenario", snapBuild, old)
		}
		return strings.Replace(s, old, "    args = {"+arg+"},\n"+old, 1)
	})
	defer w.Restore(t)
	r := l.build(t, w, "value change "+arg, append(l.cache, "--noremote_accept_cached", snapTarget)...)

	var want []string
	for _, s := range base.Log.ByMnemonic("KernelSnapshot") {
		want = append(want, s.Action())
	}
	for _, s := range slices {
		want = append(want, s.Action())
	}
	// The sliced compile of a module that folds the value: named from
	// whichever log saw it (the baseline's may be an action-cache hit,
	// which logs no spawn).
	for _, log := range []*bazeltest.Log{base.Log, r.Log} {
		for _, s := range log.ByMnemonic("KernelCompile") {
			if m, _ := s.Flag("--module"); contains(compiles, m) {
				if _, sliced := s.Flag("--slice"); sliced {
					want = append(want, s.Action())
				}
			}
		}
	}
	if len(compiles) > 0 && len(want) == 1+len(slices) {
		t.Errorf("no sliced KernelCompile of %q in the logs: %q", compiles, r.Log.Actions())
	}
	want = append(want, snapLink)
	assertExecuted(t, r, want)

	// The slices of modules that fold nothing that changed are identical,
	// so nothing downstream of them re-ran.
	for _, s := range r.Log.ByMnemonic("KernelSlice") {
		m, _ := s.Flag("--module")
		for _, out := range s.Outputs() {
			got, _ := s.OutputDigest(out)
			if changed := got != sliceDigests[out]; changed != contains(compiles, m) {
				t.Errorf("slice of %s (%s): changed = %v, want %v", m, out, changed, contains(compiles, m))
			}
		}
	}
}

// checkLab checks that the first build is the lab the scenarios expect:
// every mnemonic of rules_artiq, lib.ttl compiled and linked into rabi.
func checkLab(t *testing.T, first *bazeltest.Result) {
	t.Helper()
	for _, m := range mnemonics {
		if len(first.Log.ByMnemonic(m)) == 0 {
			t.Errorf("the first build of %s ran no %s action; its actions: %q", targets, m, first.Log.Actions())
		}
	}
	ttl := compileOf(t, first.Log, ttlModule)
	if links := linksWith(first.Log, archiveOf(t, ttl)); !contains(links, rabiLink) {
		t.Errorf("no %s with %s among the actions: %q", rabiLink, archiveOf(t, ttl), first.Log.Actions())
	}
}

// compileOf returns the KernelCompile spawn of module.
func compileOf(t *testing.T, log *bazeltest.Log, module string) *bazeltest.Spawn {
	t.Helper()
	var found *bazeltest.Spawn
	for _, s := range log.ByMnemonic("KernelCompile") {
		if m, _ := s.Flag("--module"); m == module {
			if found != nil {
				t.Fatalf("two KernelCompile actions for %s: %s and %s", module, found.Action(), s.Action())
			}
			found = s
		}
	}
	if found == nil {
		t.Fatalf("no KernelCompile action for %s", module)
	}
	return found
}

// archiveOf and ifaceOf return a compile's outputs (execroot-relative).
func archiveOf(t *testing.T, compile *bazeltest.Spawn) string {
	t.Helper()
	return flagValue(t, compile, "--out-archive")
}

func ifaceOf(t *testing.T, compile *bazeltest.Spawn) string {
	t.Helper()
	return flagValue(t, compile, "--out-iface")
}

func flagValue(t *testing.T, s *bazeltest.Spawn, flag string) string {
	t.Helper()
	v, ok := s.Flag(flag)
	if !ok {
		t.Fatalf("%s has no %s flag: %q", s.Action(), flag, s.CommandArgs)
	}
	return v
}

// linksWith returns the Action names of the links that take archive.
func linksWith(log *bazeltest.Log, archive string) []string {
	var out []string
	for _, s := range log.ByMnemonic("KernelLink") {
		if s.HasInput(archive) {
			out = append(out, s.Action())
		}
	}
	return out
}

var (
	importLine = regexp.MustCompile(`(?m)^[ \t]*import[ \t]+([^#\n]+)`)
	fromLine   = regexp.MustCompile(`(?m)^[ \t]*from[ \t]+([\w.]+)[ \t]+import\b`)
)

// importers returns the KernelCompile spawns whose source imports module
// directly (`import M`, `import M as x`, `from M import ...`), read from
// the sources of the workspace.
func importers(t *testing.T, w *bazeltest.Workspace, log *bazeltest.Log, module string) []*bazeltest.Spawn {
	t.Helper()
	var out []*bazeltest.Spawn
	for _, s := range log.ByMnemonic("KernelCompile") {
		src := s.CommandArgs[len(s.CommandArgs)-1]
		// Other repositories' sources (external/artiq/..., from
		// artiq_sources) cannot import this workspace's modules.
		if m, _ := s.Flag("--module"); m == module || !strings.HasSuffix(src, ".py") || strings.HasPrefix(src, "external/") {
			continue
		}
		text := w.ReadFile(t, src)
		var imported []string
		for _, m := range importLine.FindAllStringSubmatch(text, -1) {
			for _, name := range strings.Split(m[1], ",") {
				name, _, _ = strings.Cut(strings.TrimSpace(name), " ")
				imported = append(imported, name)
			}
		}
		for _, m := range fromLine.FindAllStringSubmatch(text, -1) {
			imported = append(imported, m[1])
		}
		if contains(imported, module) {
			out = append(out, s)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// set returns the sorted, deduplicated strings.
func set(lists ...[]string) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, l := range lists {
		for _, s := range l {
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	sort.Strings(out)
	return out
}

// assertExecuted compares the actions that executed in r with want.
func assertExecuted(t *testing.T, r *bazeltest.Result, want []string) {
	t.Helper()
	got := r.Log.Executed()
	want = set(want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("executed actions differ (-want +got):\n%s\nbazel: %s", diff, r.Processes.Line)
	}
	if r.HasProcesses && r.Processes.Executed() != len(got) {
		t.Errorf("bazel counts %d executed processes (%s), the execution log %d", r.Processes.Executed(), r.Processes.Line, len(got))
	}
}

// --- the scenarios ---------------------------------------------------------

// testNoop: a rebuild without a change runs nothing and asks no cache.
func testNoop(t *testing.T, l *lab) {
	l.a.Restore(t)
	l.build(t, l.a, "no-op: warm-up", append(l.cache, targets)...)
	r := l.build(t, l.a, "no-op", append(l.cache, targets)...)
	assertExecuted(t, r, nil)
	if len(r.Log.Spawns) != 0 {
		t.Errorf("a no-op build looked up %d spawns in the cache, want none: %q", len(r.Log.Spawns), r.Log.Actions())
	}
}

// edit is one scenario's change: it starts from the pristine checkout
// built (unless keep), applies the edits, and rebuilds with
// --noremote_accept_cached, so that every action whose key changed
// executes even when an earlier run left its result in the disk cache:
// what executed is then exactly what the action cache could not reuse.
type edit struct {
	name string
	// keep: start from the current state of the files, not the pristine
	// checkout (for an edit that follows another).
	keep bool
	// setup changes the lab before the baseline build (optional).
	setup func(t *testing.T, w *bazeltest.Workspace)
	apply func(t *testing.T, w *bazeltest.Workspace)
}

// before holds the digests of every compile's outputs before an edit.
type before map[string]string

// run returns the build after the edit, the baseline build before it,
// and the digests of the compiles' outputs before it.
func (l *lab) run(t *testing.T, e edit) (r, base *bazeltest.Result, b before) {
	t.Helper()
	if !e.keep {
		l.a.Restore(t)
	}
	if e.setup != nil {
		e.setup(t, l.a)
	}
	base = l.build(t, l.a, e.name+": baseline", append(l.cache, targets)...)
	b = before{}
	for _, log := range []*bazeltest.Log{l.first.Log, base.Log} {
		for _, s := range log.ByMnemonic("KernelCompile") {
			for _, out := range []string{archiveOf(t, s), ifaceOf(t, s)} {
				b[out] = l.a.OutputDigest(t, out)
			}
		}
	}
	e.apply(t, l.a)
	r = l.build(t, l.a, e.name, append(l.cache, "--noremote_accept_cached", targets)...)
	return r, base, b
}

// outputOf returns the digest of path after the edit: from the spawn that
// produced it, or as before when nothing re-ran it.
func outputOf(t *testing.T, r *bazeltest.Result, b before, path string) string {
	t.Helper()
	if s := r.Log.ProducerOf(path); s != nil {
		if d, ok := s.OutputDigest(path); ok {
			return d
		}
		t.Fatalf("%s: the log has no digest of %s", s.Action(), path)
	}
	return b[path]
}

func appendText(text string) func(*testing.T, *bazeltest.Workspace) {
	return func(t *testing.T, w *bazeltest.Workspace) {
		w.Edit(t, ttlSrc, func(s string) string { return s + text })
	}
}

func replaceText(old, new string) func(*testing.T, *bazeltest.Workspace) {
	return func(t *testing.T, w *bazeltest.Workspace) {
		w.Edit(t, ttlSrc, func(s string) string {
			if strings.Count(s, old) != 1 {
				t.Fatalf("%s does not hold %q exactly once: update the scenario", ttlSrc, old)
			}
			return strings.Replace(s, old, new, 1)
		})
	}
}

// testBodyEdit: an edit of a function body of lib.ttl, which others
// import, runs lib.ttl's compile and the links of the binaries that
// contain it, nothing else (the interface is unchanged, so no importer
// recompiles).
func testBodyEdit(t *testing.T, l *lab) {
	r, _, b := l.run(t, edit{
		name: "body edit of lib.ttl",
		// One more RTIO write in on(): different code, same signature.
		apply: replaceText("    rtio_output(channel << 8, 1)\n", "    rtio_output(channel << 8, 1)\n    rtio_output(channel << 8, 1)\n"),
	})
	ttl := compileOf(t, l.first.Log, ttlModule)
	links := linksWith(l.first.Log, archiveOf(t, ttl))
	assertExecuted(t, r, append([]string{ttl.Action()}, links...))
	if !contains(links, rabiLink) {
		t.Errorf("%s is not among the links of lib.ttl: %q", rabiLink, links)
	}
	if got := outputOf(t, r, b, ifaceOf(t, ttl)); got != b[ifaceOf(t, ttl)] {
		t.Errorf("a body edit changed the interface %s", ifaceOf(t, ttl))
	}
}

// testTrailingComment: a comment after the last line of lib.ttl runs
// lib.ttl's compile only: the archive comes out byte-identical, so the
// link is an action-cache hit and does not execute.
func testTrailingComment(t *testing.T, l *lab) {
	r, _, b := l.run(t, edit{
		name:  "trailing comment in lib.ttl",
		apply: appendText("\n# A trailing comment: no code, no interface, no line number moves.\n"),
	})
	ttl := compileOf(t, l.first.Log, ttlModule)
	assertExecuted(t, r, []string{ttl.Action()})
	for _, out := range []string{archiveOf(t, ttl), ifaceOf(t, ttl)} {
		if got := outputOf(t, r, b, out); got != b[out] {
			t.Errorf("a trailing comment changed %s: sha256 %s, was %s", out, got, b[out])
		}
	}
}

// testPrivateHelper: adding a module-private helper (`_helper`) to
// lib.ttl, then editing its body, runs lib.ttl's compile and no other
// module's (the interface never mentions private names); the links run
// exactly when the archive changed.
func testPrivateHelper(t *testing.T, l *lab) {
	ttl := compileOf(t, l.first.Log, ttlModule)
	archive, iface := archiveOf(t, ttl), ifaceOf(t, ttl)
	links := linksWith(l.first.Log, archive)
	for _, step := range []struct {
		sub string
		e   edit
	}{{
		sub: "add",
		e: edit{
			name:  "add a private helper to lib.ttl",
			apply: appendText("\n\n@kernel\ndef _helper(channel: int32) -> int32:\n    return channel << 8\n"),
		},
	}, {
		sub: "edit_body",
		e: edit{
			name:  "edit the private helper's body",
			keep:  true,
			apply: replaceText("    return channel << 8\n", "    return (channel << 8) | 1\n"),
		},
	}} {
		e := step.e
		t.Run(step.sub, func(t *testing.T) {
			r, _, b := l.run(t, e)
			want := []string{ttl.Action()}
			changed := outputOf(t, r, b, archive) != b[archive]
			if changed {
				want = append(want, links...)
			}
			t.Logf("the archive of %s changed: %v", ttlModule, changed)
			assertExecuted(t, r, want)
			if got := outputOf(t, r, b, iface); got != b[iface] {
				t.Errorf("a private helper changed the interface %s", iface)
			}
		})
		if t.Failed() {
			return
		}
	}
}

// signatureChange adds a parameter with a default to lib.ttl's off():
// callers that pass one argument still compile, the interface changes.
var signatureChange = replaceText("def off(channel: int32) -> None:\n    rtio_output(channel << 8, 0)\n",
	"def off(channel: int32, level: int32 = 0) -> None:\n    rtio_output(channel << 8, level)\n")

// signatureChangeWant returns the actions a signature change of lib.ttl
// must run: lib.ttl's compile, the compiles of the modules that import
// lib.ttl directly, and the links that contain any of them (from log, the
// lab's action graph).
func signatureChangeWant(t *testing.T, l *lab, log *bazeltest.Log) []string {
	t.Helper()
	ttl := compileOf(t, log, ttlModule)
	want := []string{ttl.Action()}
	want = append(want, linksWith(log, archiveOf(t, ttl))...)
	var names []string
	for _, s := range importers(t, l.a, log, ttlModule) {
		m, _ := s.Flag("--module")
		names = append(names, m)
		want = append(want, s.Action())
		want = append(want, linksWith(log, archiveOf(t, s))...)
	}
	sort.Strings(names)
	t.Logf("modules that import %s: %q", ttlModule, names)
	for _, m := range []string{"lib.pulses", "experiments.rabi"} {
		if !contains(names, m) {
			t.Errorf("%s does not import %s any more: update the scenario", m, ttlModule)
		}
	}
	return want
}

// testSignatureChange: a new parameter (with a default) of a lib.ttl
// function runs lib.ttl's compile, the compiles of the modules that
// import lib.ttl, and the links that contain them.
func testSignatureChange(t *testing.T, l *lab) {
	r, _, b := l.run(t, edit{name: "signature change in lib.ttl", apply: signatureChange})
	ttl := compileOf(t, l.first.Log, ttlModule)
	assertExecuted(t, r, signatureChangeWant(t, l, l.first.Log))
	if got := outputOf(t, r, b, ifaceOf(t, ttl)); got == b[ifaceOf(t, ttl)] {
		t.Errorf("a signature change left the interface %s unchanged", ifaceOf(t, ttl))
	}
}

// The probe of testTransitiveDependent: a module that imports lib.pulses
// but not lib.ttl.
const (
	probeModule = "experiments.probe"
	probeSrc    = "examples/experiments/probe.py"
	probeText   = `# Imports lib.pulses only; lib.ttl reaches it through lib.pulses.

from lib.pulses import pulse


@kernel
def run() -> None:
    pulse(4, int64(10))
`
	probeBuild = `
kernel_library(
    name = "probe_lib",
    srcs = ["probe.py"],
    imports = [".."],
    deps = ["//examples/lib:pulses"],
)
`
)

// testTransitiveDependent: the signature change again, with one more
// module in the lab that depends on lib.ttl only through lib.pulses. A
// compile reads only its direct deps' interfaces (strict deps), so the
// probe's compile does not re-run: only direct importers recompile.
func testTransitiveDependent(t *testing.T, l *lab) {
	r, base, b := l.run(t, edit{
		name: "signature change, transitive dependent",
		setup: func(t *testing.T, w *bazeltest.Workspace) {
			w.Add(t, probeSrc, probeText)
			w.Edit(t, "examples/experiments/BUILD.bazel", func(s string) string { return s + probeBuild })
		},
		apply: signatureChange,
	})
	defer l.a.Restore(t)
	probe := compileOf(t, base.Log, probeModule)
	want := signatureChangeWant(t, l, l.first.Log)
	for _, s := range importers(t, l.a, base.Log, ttlModule) {
		if m, _ := s.Flag("--module"); m == probeModule {
			t.Fatalf("%s imports %s: the probe must reach it only through lib.pulses", probeSrc, ttlModule)
		}
	}
	assertExecuted(t, r, want)
	for _, out := range []string{archiveOf(t, probe), ifaceOf(t, probe)} {
		if got := outputOf(t, r, b, out); got != b[out] {
			t.Errorf("%s changed though %s does not import %s: sha256 %s, was %s", out, probeModule, ttlModule, got, b[out])
		}
	}
}

// secondCheckout builds targets in w, a checkout at another absolute path
// than the one that filled the cache, from an empty output tree (bazel
// clean) with cacheFlags, and checks that every spawn is a cache hit:
// no action executed, and the same actions as the first checkout's first
// build. The cache must hold the lab's results already (build targets
// with the same cacheFlags in another workspace first: populate).
//
// This is the hook for other caches: a test with a bazel-remote server
// (issue 6) calls populate and secondCheckout with
// --remote_cache=grpc://... instead of --disk_cache.
func secondCheckout(t *testing.T, l *lab, w *bazeltest.Workspace, cacheFlags []string) *bazeltest.Result {
	t.Helper()
	w.Clean(t)
	r := l.build(t, w, "second checkout", append(append([]string(nil), cacheFlags...), targets)...)
	assertExecuted(t, r, nil)
	if diff := cmp.Diff(l.first.Log.Actions(), r.Log.Actions()); diff != "" {
		t.Errorf("the second checkout's actions differ from the first's (-first +second):\n%s", diff)
	}
	if len(r.Log.Spawns) == 0 {
		t.Errorf("the second checkout spawned nothing: the output tree was not empty")
	}
	if !r.HasProcesses {
		t.Errorf("bazel printed no process summary")
	} else {
		for kind := range r.Processes.ByKind {
			if kind != "remote cache hit" && kind != "internal" {
				t.Errorf("bazel: %q: want only remote cache hits and internal actions", r.Processes.Line)
			}
		}
		if n := r.Processes.ByKind["remote cache hit"]; n != len(r.Log.Spawns) {
			t.Errorf("bazel: %q: want %d remote cache hits", r.Processes.Line, len(r.Log.Spawns))
		}
	}
	return r
}

// populate builds targets in w from an empty output tree with cacheFlags,
// so that the cache holds every result of the lab (executed and uploaded,
// or already there).
func populate(t *testing.T, l *lab, w *bazeltest.Workspace, cacheFlags []string) *bazeltest.Result {
	t.Helper()
	w.Clean(t)
	return l.build(t, w, "populate the cache", append(append([]string(nil), cacheFlags...), targets)...)
}
