// Command bench measures rules_artiq the way its users feel it: it
// generates a synthetic lab (package bench/lab) of a chosen size in a
// temporary copy of this repository, builds it with a real Bazel (its own
// output user root, a warm server between runs, an empty cache of its
// own) and prints, for each rebuild scenario, the wall time (median, min,
// max), the actions executed and the cache hits (from the execution log),
// and the peak memory of the heaviest action; then the compiler's and the
// linker's phase timings for one 150-line experiment, and with several
// sizes how the costs grow. See docs/benchmarks.md.
//
//	go run ./bench -size 10                  # a quick look (minutes)
//	go run ./bench -size 10,100 -runs 5      # the scaling table
//
// Nothing here asserts a time: the figures are printed, with the load
// average of the machine at the time.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/rules-artiq/rules_artiq/bench/lab"
	"github.com/rules-artiq/rules_artiq/tests/bazeltest"
)

type options struct {
	sizes        []int
	seed         uint64
	runs         int
	coldRuns     int
	coldFullRuns int
	freshRuns    int
	phaseRuns    int
	cacheKind    string
	keep         bool
	verbose      bool
	jsonOut      string
	trackedOnly  bool
	scenarios    map[string]bool
	compare      []string
	bazelFlags   []string
	memory       bool
	idle         int
}

var allScenarios = []string{"cold-full", "cold", "noop", "fresh", "leaf", "leaf-one", "wide", "value", "value-one", "invariant", "phases"}

func main() {
	var o options
	sizes := flag.String("size", "10", "lab sizes in kernel modules, comma-separated (e.g. 10,100,1000)")
	flag.Uint64Var(&o.seed, "seed", 1, "the lab generator's seed")
	flag.IntVar(&o.runs, "runs", 5, "runs of each warm scenario (no-op, edits, value changes, fresh checkout)")
	flag.IntVar(&o.coldRuns, "cold-runs", 3, "runs of the cold lab build (Go tools already built)")
	flag.IntVar(&o.coldFullRuns, "cold-full-runs", 1, "runs of the cold build that also builds the Go tools")
	flag.IntVar(&o.freshRuns, "fresh-runs", 2, "fresh checkouts built from the warm cache (each a new server)")
	flag.IntVar(&o.phaseRuns, "phase-runs", 10, "runs of the compile and link whose phases are timed")
	flag.StringVar(&o.cacheKind, "cache", "auto", "the shared cache: remote (bazel-remote from go.mod), disk, or auto (remote if it builds)")
	flag.BoolVar(&o.keep, "keep", false, "keep the temporary directory (workspaces, logs, profiles)")
	flag.BoolVar(&o.verbose, "v", false, "log every bazel command on stderr")
	flag.StringVar(&o.jsonOut, "json", "", "also write the results as JSON to this file")
	flag.BoolVar(&o.trackedOnly, "tracked-only", false, "copy only git-tracked files (default: also untracked files that .gitignore does not exclude)")
	flag.BoolVar(&o.memory, "memory", true, "re-run the heaviest actions outside Bazel to measure their peak memory")
	flag.IntVar(&o.idle, "max-idle-secs", 900, "--max_idle_secs of the benchmark's Bazel servers")
	compare := flag.String("compare", "", "JSON results of earlier runs (-json), comma-separated, to include in the scaling table")
	bflags := flag.String("bazel-flags", "", "extra flags for every bazel build, space-separated (e.g. \"--spawn_strategy=local\"), to try what changes the figures")
	scen := flag.String("scenarios", strings.Join(allScenarios, ","), "scenarios to run")
	flag.Parse()
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 10 {
			fatalf("bad -size %q: want numbers >= 10", s)
		}
		o.sizes = append(o.sizes, n)
	}
	o.bazelFlags = strings.Fields(*bflags)
	if *compare != "" {
		o.compare = strings.Split(*compare, ",")
	}
	o.scenarios = map[string]bool{}
	for _, s := range strings.Split(*scen, ",") {
		s = strings.TrimSpace(s)
		known := false
		for _, k := range allScenarios {
			known = known || k == s
		}
		if !known {
			fatalf("unknown scenario %q (known: %s)", s, strings.Join(allScenarios, ","))
		}
		o.scenarios[s] = true
	}
	if o.runs < 1 || o.coldRuns < 0 || o.coldFullRuns < 0 || o.phaseRuns < 1 {
		fatalf("-runs and -phase-runs must be at least 1")
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, o); err != nil {
		fatalf("%v", err)
	}
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
	os.Exit(1)
}

// report is everything the benchmark measured.
type report struct {
	Started string   `json:"started"`
	Uptime  []string `json:"uptime"`
	Cache   string   `json:"cache"`
	Bazel   string   `json:"bazel"`
	Machine string   `json:"machine"`
	// BazelFlags are the -bazel-flags of the run.
	BazelFlags []string      `json:"bazel_flags,omitempty"`
	Sizes      []*sizeResult `json:"sizes"`
	Warnings   []string      `json:"warnings,omitempty"`
}

func run(ctx context.Context, o options) error {
	bazel, err := exec.LookPath("bazel")
	if err != nil {
		return fmt.Errorf("bazel is not on PATH (tools/setup.sh installs it)")
	}
	wd, err := os.Getwd()
	if err != nil {
		return err
	}
	repo, err := bazeltest.RepoRoot(wd)
	if err != nil {
		return err
	}
	files, err := bazeltest.RepoFiles(repo, !o.trackedOnly)
	if err != nil {
		return err
	}
	// The lab is generated at lab/ of each workspace; a lab/ of the
	// checkout itself would collide.
	for _, f := range files {
		if strings.HasPrefix(f, "lab/") {
			return fmt.Errorf("the checkout has a lab/ directory (%s): the benchmark generates its lab there", f)
		}
	}
	root, err := os.MkdirTemp("", "rules_artiq-bench-")
	if err != nil {
		return err
	}
	if r, err := filepath.EvalSymlinks(root); err == nil {
		root = r
	}
	e := &env{bazel: bazel, repo: repo, files: files, root: root, userRoot: filepath.Join(root, "bazel"), verbose: o.verbose, idle: o.idle, flags: o.bazelFlags}
	fmt.Fprintf(os.Stderr, "bench: working in %s\n", root)
	// Every workspace is copied from one snapshot of the checkout taken
	// now, so that edits others make to the checkout meanwhile cannot make
	// two "identical" checkouts differ.
	e.src = filepath.Join(root, "src")
	if err := bazeltest.CopyFiles(repo, e.src, files); err != nil {
		return err
	}
	defer func() {
		if o.keep {
			fmt.Fprintf(os.Stderr, "bench: kept %s\n", root)
			return
		}
		if err := bazeltest.RemoveAll(root); err != nil {
			fmt.Fprintf(os.Stderr, "bench: removing %s: %v\n", root, err)
		}
	}()
	e.cache, err = newCache(root, repo, o.cacheKind)
	if err != nil {
		return err
	}
	defer e.cache.stop()

	rep := &report{Started: time.Now().Format(time.RFC3339), Cache: e.cache.describe(), Machine: machine(), BazelFlags: o.bazelFlags}
	rep.Uptime = append(rep.Uptime, uptime())
	rep.Bazel = bazelVersion(bazel)
	printHeader(rep)
	for _, n := range o.sizes {
		sr, err := runSize(ctx, e, o, n)
		if sr != nil {
			rep.Sizes = append(rep.Sizes, sr)
			printSize(sr, o)
		}
		if err != nil {
			return err
		}
	}
	rep.Uptime = append(rep.Uptime, uptime())
	scaling := append([]*sizeResult(nil), rep.Sizes...)
	for _, path := range o.compare {
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var old report
		if err := json.Unmarshal(data, &old); err != nil {
			return fmt.Errorf("%s: %v", path, err)
		}
		for _, sr := range old.Sizes {
			if sr.Manifest != nil {
				scaling = append(scaling, sr)
			}
		}
	}
	sort.SliceStable(scaling, func(i, j int) bool { return scaling[i].Manifest.Modules < scaling[j].Manifest.Modules })
	if len(scaling) > 1 {
		printScaling(scaling)
	}
	fmt.Printf("\nuptime at the end: %s\n", rep.Uptime[len(rep.Uptime)-1])
	if o.jsonOut != "" {
		data, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(o.jsonOut, append(data, '\n'), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// bazelVersion asks the client only (`bazel --version` starts no
// server); Debian's build says no_version, and then its package does.
func bazelVersion(bazel string) string {
	out, _ := exec.Command(bazel, "--version").Output()
	v := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(string(out)), "bazel"))
	if v == "" || v == "no_version" {
		if out, err := exec.Command("dpkg-query", "-W", "-f", "${Version}", "bazel-bootstrap").Output(); err == nil && len(out) > 0 {
			return strings.TrimSpace(string(out)) + " (Debian bazel-bootstrap)"
		}
		return "unknown"
	}
	return v
}

func uptime() string {
	out, err := exec.Command("uptime").Output()
	if err != nil {
		return fmt.Sprintf("load average %.2f", loadAverage())
	}
	return strings.TrimSpace(string(out))
}

func machine() string {
	cpus := 0
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		cpus = strings.Count(string(data), "\nprocessor") + 1
	}
	return fmt.Sprintf("%d CPUs", cpus)
}

// sizeResult is the measurements of one lab size.
type sizeResult struct {
	Size     int           `json:"size"`
	Manifest *lab.Manifest `json:"manifest"`
	Lab      string        `json:"lab"`
	// ServerStart is the first command of the first workspace (a new
	// server); Fetch is `bazel fetch` of the external repositories.
	ServerStart time.Duration  `json:"server_start_ns"`
	Fetch       time.Duration  `json:"fetch_ns"`
	Rows        []*measurement `json:"rows"`
	Compile     *phaseStats    `json:"compile_phases,omitempty"`
	Link        *phaseStats    `json:"link_phases,omitempty"`
	// Shape of the build graph, from the cold build's execution log.
	Graph graphStats `json:"graph"`
	// Action durations inside Bazel (from the profiles of the leaf edit's
	// runs: one compile and one link each).
	CompileActions []time.Duration `json:"compile_actions_ns,omitempty"`
	LinkActions    []time.Duration `json:"link_actions_ns,omitempty"`
	Notes          []string        `json:"notes,omitempty"`
}

func (s *sizeResult) row(id string) *measurement {
	for _, r := range s.Rows {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// graphStats describes the actions of a cold build.
type graphStats struct {
	Compiles            int     `json:"compiles"`
	Links               int     `json:"links"`
	IfacesPerCompMean   float64 `json:"ifaces_per_compile_mean"`
	IfacesPerCompMax    int     `json:"ifaces_per_compile_max"`
	ArchivesPerLinkMean float64 `json:"archives_per_link_mean"`
	ArchivesPerLinkMax  int     `json:"archives_per_link_max"`
	CompileInputs       int     `json:"compile_inputs_total"`
}

func graphOf(log *bazeltest.Log) graphStats {
	var g graphStats
	var ifaces, archives int
	for _, s := range log.ByMnemonic("KernelCompile") {
		g.Compiles++
		n := 0
		for _, a := range s.CommandArgs {
			if a == "--iface" || strings.HasPrefix(a, "--iface=") {
				n++
			}
		}
		ifaces += n
		if n > g.IfacesPerCompMax {
			g.IfacesPerCompMax = n
		}
		g.CompileInputs += len(s.Inputs)
	}
	for _, s := range log.ByMnemonic("KernelLink") {
		g.Links++
		n := 0
		for _, a := range s.CommandArgs {
			if strings.HasSuffix(a, ".a") && !strings.Contains(a, "support") {
				n++
			}
		}
		archives += n
		if n > g.ArchivesPerLinkMax {
			g.ArchivesPerLinkMax = n
		}
	}
	if g.Compiles > 0 {
		g.IfacesPerCompMean = float64(ifaces) / float64(g.Compiles)
	}
	if g.Links > 0 {
		g.ArchivesPerLinkMean = float64(archives) / float64(g.Links)
	}
	return g
}

// measurement is one scenario's runs.
type measurement struct {
	ID       string          `json:"id"`
	Name     string          `json:"name"`
	Expect   string          `json:"expect"`
	Walls    []time.Duration `json:"walls_ns"`
	Executed []int           `json:"executed"`
	Hits     []int           `json:"cache_hits"`
	Loads    []float64       `json:"loads"`
	// BazelCPU and ActionCPU are per run (see result).
	BazelCPU  []time.Duration `json:"bazel_cpu_ns"`
	ActionCPU []time.Duration `json:"action_cpu_ns"`
	// Last is the execution log summary of the last run.
	Last      bazeltest.Summary `json:"-"`
	Ran       map[string]int    `json:"executed_by_mnemonic"`
	Peak      peak              `json:"peak"`
	Processes string            `json:"bazel_processes"`
	// Actions are the durations inside Bazel of the actions of every run,
	// by mnemonic, from the profiles (Bazel's default, slim profile may
	// leave out very short actions).
	Actions map[string][]time.Duration `json:"action_durations_ns,omitempty"`
	// Want is what should execute, by mnemonic (nil: not checked; an
	// empty map: nothing); OK says whether every run matched it.
	Want map[string]int `json:"want,omitempty"`
	OK   *bool          `json:"as_expected,omitempty"`
	// Mismatch describes the first run that did not match.
	Mismatch string `json:"mismatch,omitempty"`
}

// check compares one run's executed actions with m.Want.
func (m *measurement) check(run int, sum map[string]int, total int) {
	if m.Want == nil {
		return
	}
	ok := true
	if len(m.Want) == 0 {
		ok = total == 0
	}
	for k, v := range m.Want {
		if sum[k] != v {
			ok = false
		}
	}
	if m.OK == nil || *m.OK {
		m.OK = &ok
		if !ok {
			m.Mismatch = fmt.Sprintf("run %d executed %d: %s", run+1, total, counts(sum))
		}
	}
}

// merge appends the runs of n to m (nil: none yet).
func (m *measurement) merge(n *measurement) *measurement {
	if m == nil {
		return n
	}
	m.Walls = append(m.Walls, n.Walls...)
	m.Executed = append(m.Executed, n.Executed...)
	m.Hits = append(m.Hits, n.Hits...)
	m.Loads = append(m.Loads, n.Loads...)
	m.BazelCPU = append(m.BazelCPU, n.BazelCPU...)
	m.ActionCPU = append(m.ActionCPU, n.ActionCPU...)
	m.Last, m.Ran, m.Processes = n.Last, n.Ran, n.Processes
	if n.OK != nil && !*n.OK && (m.OK == nil || *m.OK) {
		m.OK, m.Mismatch = n.OK, n.Mismatch
	}
	if n.Peak.KiB > m.Peak.KiB {
		m.Peak = n.Peak
	}
	return m
}

// build measures runs of one scenario: prepare (untimed) then a build of
// targets.
func measure(ctx context.Context, w *workspace, o options, id, name, expect string, want map[string]int, runs int,
	prepare func(i int) error, extra []string, targets ...string) (*measurement, *result, error) {
	m := &measurement{ID: id, Name: name, Expect: expect, Want: want}
	var last *result
	for i := 0; i < runs; i++ {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		if prepare != nil {
			if err := prepare(i); err != nil {
				return nil, nil, fmt.Errorf("%s: %v", name, err)
			}
		}
		r, err := w.build(ctx, extra, targets...)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %v", name, err)
		}
		sum := r.log.Summarize()
		m.Walls = append(m.Walls, r.elapsed)
		m.Executed = append(m.Executed, sum.Executed)
		m.Hits = append(m.Hits, sum.Spawns-sum.Executed)
		m.Loads = append(m.Loads, r.load)
		m.BazelCPU = append(m.BazelCPU, r.bazelCPU)
		m.ActionCPU = append(m.ActionCPU, r.actionCPU)
		if r.profile != nil {
			if m.Actions == nil {
				m.Actions = map[string][]time.Duration{}
			}
			for mn, ds := range r.profile.actions {
				m.Actions[mn] = append(m.Actions[mn], ds...)
			}
		}
		m.check(i, sum.ExecutedByMnemonic, sum.Executed)
		last = r
	}
	m.Last = last.log.Summarize()
	m.Ran = m.Last.ExecutedByMnemonic
	if last.hasProc {
		m.Processes = last.procs.Line
	}
	if o.memory && m.Last.Executed > 0 {
		er, err := w.execroot(ctx)
		if err != nil {
			return nil, nil, err
		}
		tmp, err := os.MkdirTemp(w.env.root, "rerun-")
		if err != nil {
			return nil, nil, err
		}
		m.Peak, err = measurePeak(er, tmp, last.log)
		os.RemoveAll(tmp)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %v", name, err)
		}
	}
	fmt.Fprintf(os.Stderr, "bench: %-52s median %8v  (%d runs, last: %d executed, %d cache hits)\n",
		name, median(m.Walls).Round(time.Millisecond), runs, m.Last.Executed, m.Last.Spawns-m.Last.Executed)
	return m, last, nil
}

// warmTargets build the Go tools and the support library in the exec
// configuration without touching the lab: a cold lab build then runs every
// lab action and no tool build.
var warmTargets = []string{"//examples/experiments:rabi"}

func runSize(ctx context.Context, e *env, o options, n int) (*sizeResult, error) {
	cfg := lab.SizeConfig(o.seed, n)
	a, err := e.newWorkspace(fmt.Sprintf("a%d", n), cfg)
	if err != nil {
		return nil, err
	}
	defer a.shutdown()
	m := a.manifest
	sr := &sizeResult{Size: n, Manifest: m,
		Lab: fmt.Sprintf("%d kernel modules: %d experiments (%d with host values), %d library modules, %d drivers; seed %d",
			m.Modules, m.Experiments, m.HostExperiments, m.Libs, m.Drivers, m.Seed)}
	fmt.Fprintf(os.Stderr, "bench: size %d: %s\n", n, sr.Lab)
	all := m.Pattern
	noCache := []string{"--noremote_accept_cached"}

	if sr.ServerStart, err = a.startServer(ctx); err != nil {
		return nil, err
	}
	r, err := a.run(ctx, "fetch", all, warmTargets[0])
	if err != nil {
		return nil, err
	}
	sr.Fetch = r.elapsed

	var coldLog *bazeltest.Log
	add := func(mm *measurement, res *result) {
		sr.Rows = append(sr.Rows, mm)
	}
	if o.scenarios["cold-full"] && o.coldFullRuns > 0 {
		mm, res, err := measure(ctx, a, o, "cold-full", "cold build, empty cache, incl. Go tools",
			"every action: GoToolBuild x2, support library, all compiles, slices, snapshots, links", nil, o.coldFullRuns,
			func(i int) error {
				if i == 0 {
					return nil
				}
				return a.clean(ctx)
			}, noCache, all)
		if err != nil {
			return sr, err
		}
		add(mm, res)
		coldLog = res.log
		// The Go tool builds are not in the timing below: note their share.
		if res.profile != nil {
			var gob time.Duration
			for _, d := range res.profile.actions["GoToolBuild"] {
				gob += d
			}
			sr.Notes = append(sr.Notes, fmt.Sprintf("cold build incl. tools: the GoToolBuild actions took %v (summed) of it; critical path %v",
				gob.Round(time.Millisecond), res.profile.criticalPath.Round(time.Millisecond)))
		}
	}
	if o.scenarios["cold"] && o.coldRuns > 0 {
		mm, res, err := measure(ctx, a, o, "cold", "cold build of the lab (Go tools built)",
			"every lab action; tools from the previous build", map[string]int{"GoToolBuild": 0}, o.coldRuns,
			func(i int) error {
				if err := a.clean(ctx); err != nil {
					return err
				}
				_, err := a.build(ctx, nil, warmTargets...)
				return err
			}, noCache, all)
		if err != nil {
			return sr, err
		}
		add(mm, res)
		coldLog = res.log
	}
	if coldLog == nil {
		// Nothing cold was asked for: build once, untimed, for the rest.
		res, err := a.build(ctx, nil, all)
		if err != nil {
			return sr, err
		}
		coldLog = res.log
	}
	sr.Graph = graphOf(coldLog)

	if o.scenarios["noop"] {
		mm, res, err := measure(ctx, a, o, "noop", "no-op rebuild", "nothing", map[string]int{}, o.runs, nil, nil, all)
		if err != nil {
			return sr, err
		}
		add(mm, res)
	}
	if o.scenarios["phases"] {
		if err := phases(ctx, a, o, sr, coldLog); err != nil {
			return sr, err
		}
	}
	if o.scenarios["fresh"] && o.freshRuns > 0 {
		// Each run is a new checkout at a new path: a new output base and
		// server, the external repositories set up, the analysis, and
		// every action answered by the cache.
		var mm *measurement
		for i := 0; i < o.freshRuns; i++ {
			b, err := e.newWorkspace(fmt.Sprintf("b%d-%d", n, i), cfg)
			if err != nil {
				return sr, err
			}
			start, err := b.startServer(ctx)
			if err != nil {
				b.shutdown()
				return sr, err
			}
			sr.Notes = append(sr.Notes, fmt.Sprintf("fresh checkout %d: its server started in %v (not in the row's time)", i+1, start.Round(time.Millisecond)))
			one, _, err := measure(ctx, b, o, "fresh", "fresh checkout, warm cache (new server)",
				"nothing executed: every action a cache hit", map[string]int{}, 1, nil, nil, all)
			b.shutdown()
			if err != nil {
				return sr, err
			}
			mm = mm.merge(one)
		}
		add(mm, nil)
	}
	leafBin := m.Leaf.Binary
	if o.scenarios["leaf"] {
		mm, res, err := measure(ctx, a, o, "leaf", "body edit, leaf experiment ("+m.Leaf.Module+")",
			"1 KernelCompile + 1 KernelLink", map[string]int{"KernelCompile": 1, "KernelLink": 1}, o.runs,
			func(int) error { return a.editMarker(m.Leaf.File) }, nil, all)
		if err != nil {
			return sr, err
		}
		add(mm, res)
		// One compile and one link per run: their times inside Bazel.
		sr.CompileActions = sortedDurations(mm.Actions["KernelCompile"])
		sr.LinkActions = sortedDurations(mm.Actions["KernelLink"])
	}
	if o.scenarios["leaf-one"] {
		mm, res, err := measure(ctx, a, o, "leaf-one", "  same, building only its binary",
			"1 KernelCompile + 1 KernelLink", map[string]int{"KernelCompile": 1, "KernelLink": 1}, o.runs,
			func(int) error { return a.editMarker(m.Leaf.File) }, nil, leafBin)
		if err != nil {
			return sr, err
		}
		add(mm, res)
	}
	if o.scenarios["wide"] {
		mm, res, err := measure(ctx, a, o, "wide", fmt.Sprintf("body edit, %s (imported by %d, linked into %d)", m.Wide.Module, m.Wide.Importers, m.Wide.Binaries),
			fmt.Sprintf("1 KernelCompile + %d KernelLink", m.Wide.Binaries), map[string]int{"KernelCompile": 1, "KernelLink": m.Wide.Binaries}, o.runs,
			func(int) error { return a.editMarker(m.Wide.File) }, nil, all)
		if err != nil {
			return sr, err
		}
		add(mm, res)
	}
	if h := m.Host; h != nil {
		if o.scenarios["value"] {
			mm, res, err := measure(ctx, a, o, "value", "non-invariant value change ("+h.Module.Module+" "+h.Value+")",
				"KernelSnapshot + KernelSlice per host module + 1 KernelLink; no compile", map[string]int{"KernelSnapshot": 1, "KernelCompile": 0, "KernelLink": 1}, o.runs,
				func(int) error { return a.setDataset(h.Value) }, nil, all)
			if err != nil {
				return sr, err
			}
			add(mm, res)
		}
		if o.scenarios["value-one"] {
			mm, res, err := measure(ctx, a, o, "value-one", "  same, building only its binary",
				"KernelSnapshot + KernelSlice per host module + 1 KernelLink; no compile", map[string]int{"KernelSnapshot": 1, "KernelCompile": 0, "KernelLink": 1}, o.runs,
				func(int) error { return a.setDataset(h.Value) }, nil, h.Binary)
			if err != nil {
				return sr, err
			}
			add(mm, res)
		}
		if o.scenarios["invariant"] {
			mm, res, err := measure(ctx, a, o, "invariant", "invariant value change ("+h.Module.Module+" "+h.Invariant+")",
				"KernelSnapshot + KernelSlices + 1 KernelCompile + 1 KernelLink", map[string]int{"KernelSnapshot": 1, "KernelCompile": 1, "KernelLink": 1}, o.runs,
				func(int) error { return a.setDataset(h.Invariant) }, nil, all)
			if err != nil {
				return sr, err
			}
			add(mm, res)
		}
	}
	return sr, nil
}

// phases times the phases of the 150-line experiment's compile and of
// its link, re-running the commands of the cold build outside Bazel.
func phases(ctx context.Context, w *workspace, o options, sr *sizeResult, log *bazeltest.Log) error {
	m := w.manifest
	comp := findSpawn(log, "KernelCompile", func(s *bazeltest.Spawn) bool {
		mod, _ := s.Flag("--module")
		_, slice := s.Flag("--slice")
		return mod == m.Phase.Module && !slice
	})
	name := m.Phase.Module[strings.LastIndex(m.Phase.Module, ".")+1:]
	link := findSpawn(log, "KernelLink", func(s *bazeltest.Spawn) bool {
		out, _ := s.Flag("-o")
		return strings.HasSuffix(out, "/lab/experiments/"+name+".elf")
	})
	if comp == nil || link == nil {
		return fmt.Errorf("phases: the cold build's log has no compile or link of %s", m.Phase.Module)
	}
	er, err := w.execroot(ctx)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(w.env.root, "phases-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if sr.Compile, err = timePhases(er, tmp, comp, o.phaseRuns); err != nil {
		return err
	}
	// kernelc's own peak, without llc and llvm-ar: the same module through
	// `kernelc ir` (front end and lowering, IR to stdout).
	ir := *comp
	ir.CommandArgs = irCommand(comp.CommandArgs)
	ir.ListedOutputs, ir.ActualOutputs = nil, nil
	r, err := rerun(er, tmp, &ir, nil)
	if err != nil {
		return err
	}
	sr.Compile.FrontEndRSS = r.MaxRSS
	sr.Link, err = timePhases(er, tmp, link, o.phaseRuns)
	return err
}

// irCommand turns a `kernelc compile` command line into the `kernelc ir`
// one for the same module: the flags that name tools and outputs go.
func irCommand(args []string) []string {
	drop := map[string]bool{"--llc": true, "--ar": true, "--out-archive": true, "--out-iface": true}
	out := []string{args[0], "ir"}
	for i := 2; i < len(args); i++ {
		a := args[i]
		if drop[a] {
			i++
			continue
		}
		if name, _, ok := strings.Cut(a, "="); ok && drop[name] {
			continue
		}
		out = append(out, a)
	}
	return out
}

func sortedDurations(ds []time.Duration) []time.Duration {
	out := append([]time.Duration(nil), ds...)
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
