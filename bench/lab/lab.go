// Package lab generates a synthetic ARTIQ lab for the benchmarks: device
// drivers written as kernel code, shared library modules, experiments with
// realistic kernels (pulse sequences over device lists, scans, nested
// parallel blocks, kernel classes, closures, exceptions, calls across
// modules), experiments that read host values (device_db.py, arguments,
// datasets) through kernel_snapshot, and the BUILD files of it all.
//
// The output is a function of the Config alone: the same seed and sizes
// give byte-identical files on any machine (math/rand/v2's PCG, no maps
// iterated into the output, no time, no paths other than the ones given).
//
// Layout, below the lab directory (which is also the module root):
//
//	BUILD.bazel            exports device_db.py
//	device_db.py           core, ttl0..ttl15, dds0..dds3, aliases
//	drivers/{ttl,dds,core}.py      kernel functions over channel numbers
//	devices/{core,ttl,dds}.py      host classes (drivers with host __init__)
//	lib/common.py          the widely imported library module
//	lib/<theme>_<k>.py     the other library modules
//	experiments/eNNN.py    experiments: `run() -> None`, or a class with
//	                       host values (+ eNNN.datasets.json)
//	labgen.json            the manifest that the benchmark reads
package lab

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Config chooses the lab.
type Config struct {
	Seed        uint64
	Experiments int // experiments (binaries), at least 2
	Libs        int // library modules, at least 1 (lib.common)
	// HostEvery makes every HostEvery-th experiment (indices
	// HostEvery-1, 2*HostEvery-1, ...) one that reads host values through
	// kernel_snapshot; at least one is, when HostEvery > 0. 0: none.
	HostEvery int
	// Package is the lab directory relative to the workspace root, for
	// labels (//Package/lib:common). Default "lab".
	Package string
	// RulesLoad is the label of the rules' defs.bzl. Default
	// "//rules:defs.bzl" (the lab lives in a copy of rules_artiq).
	RulesLoad string
}

// EditMarker ends the line of each module that the benchmark rewrites for
// a body edit: `    delay_mu(int64(N))  # bench:edit`. Changing N changes
// the module's code but not its interface.
const EditMarker = "# bench:edit"

// Manifest describes a generated lab to the benchmark (labgen.json).
// Paths are relative to the lab directory.
type Manifest struct {
	Seed        uint64 `json:"seed"`
	Experiments int    `json:"experiments"`
	// HostExperiments counts the experiments with host values.
	HostExperiments int `json:"host_experiments"`
	Libs            int `json:"libs"`
	Drivers         int `json:"drivers"`
	// Modules is the number of kernel modules (one KernelCompile each).
	Modules int    `json:"modules"`
	Package string `json:"package"`
	// Pattern builds the whole lab: //Package/...
	Pattern string `json:"pattern"`
	// Binaries lists every kernel_binary label.
	Binaries []string `json:"binaries"`
	// Leaf is a plain experiment (nothing imports it).
	Leaf Module `json:"leaf"`
	// Wide is the library module with the most importers (lib.common).
	Wide Module `json:"wide"`
	// Phase is the plain experiment whose line count is closest to 150,
	// for the per-phase timings.
	Phase Module `json:"phase"`
	// Host is an experiment with host values, when there is one.
	Host *HostExperiment `json:"host,omitempty"`
	// Lines is the number of lines of every kernel module, by module.
	Lines map[string]int `json:"lines"`
	// EditMarker ends the line that a body edit rewrites.
	EditMarker string `json:"edit_marker"`
}

// Module names one kernel module of the lab.
type Module struct {
	Module string `json:"module"`
	File   string `json:"file"`
	Lines  int    `json:"lines"`
	// Binary is the experiment's kernel_binary label (experiments only).
	Binary string `json:"binary,omitempty"`
	// Importers counts the modules that import it directly.
	Importers int `json:"importers,omitempty"`
	// Binaries counts the binaries that link it.
	Binaries int `json:"binaries,omitempty"`
}

// HostExperiment is an experiment that reads host values.
type HostExperiment struct {
	Module
	// Datasets is its datasets file (JSON), an input of its snapshot.
	Datasets string `json:"datasets"`
	// Value is a dataset that is not a kernel invariant (link-time data);
	// Invariant is one that is (folded into the experiment's code).
	Value     string `json:"value"`
	Invariant string `json:"invariant"`
}

// Lab is a generated lab: its files by slash path relative to the lab
// directory, and its manifest.
type Lab struct {
	Files    map[string][]byte
	Manifest Manifest
}

// Paths returns the lab's file paths, sorted.
func (l *Lab) Paths() []string {
	out := make([]string, 0, len(l.Files))
	for p := range l.Files {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Write writes the lab below dir (created if needed). Files that exist
// are replaced; nothing else in dir is touched.
func (l *Lab) Write(dir string) error {
	for _, p := range l.Paths() {
		path := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, l.Files[p], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// ReadManifest reads labgen.json from a lab directory.
func ReadManifest(dir string) (*Manifest, error) {
	data, err := os.ReadFile(filepath.Join(dir, "labgen.json"))
	if err != nil {
		return nil, err
	}
	m := &Manifest{}
	if err := json.Unmarshal(data, m); err != nil {
		return nil, fmt.Errorf("%s/labgen.json: %v", dir, err)
	}
	return m, nil
}

// SizeConfig splits a lab of about n kernel modules (n >= 10) into
// experiments and libraries: 6 driver modules, a fifth of the rest
// libraries, the others experiments; every tenth experiment reads host
// values.
func SizeConfig(seed uint64, n int) Config {
	if n < 10 {
		n = 10
	}
	rest := n - driverModules
	libs := rest / 5
	if libs < 1 {
		libs = 1
	}
	return Config{Seed: seed, Experiments: rest - libs, Libs: libs, HostEvery: 10}
}

const driverModules = 6

// Generate makes the lab.
func Generate(cfg Config) (*Lab, error) {
	if cfg.Experiments < 2 {
		return nil, fmt.Errorf("want at least 2 experiments, got %d", cfg.Experiments)
	}
	if cfg.Libs < 1 {
		return nil, fmt.Errorf("want at least 1 library module, got %d", cfg.Libs)
	}
	if cfg.Experiments > 9999 || cfg.Libs > 9999 {
		return nil, fmt.Errorf("at most 9999 experiments and 9999 library modules")
	}
	if cfg.Package == "" {
		cfg.Package = "lab"
	}
	cfg.Package = strings.Trim(filepath.ToSlash(cfg.Package), "/")
	if cfg.RulesLoad == "" {
		cfg.RulesLoad = "//rules:defs.bzl"
	}
	g := &gen{
		cfg:   cfg,
		r:     rand.New(rand.NewPCG(cfg.Seed, 0x6c6162676)),
		files: map[string][]byte{},
		lines: map[string]int{},
	}
	if err := g.run(); err != nil {
		return nil, err
	}
	return &Lab{Files: g.files, Manifest: g.manifest}, nil
}

// gen holds the state of one generation.
type gen struct {
	cfg      Config
	r        *rand.Rand
	files    map[string][]byte
	lines    map[string]int
	libs     []*libModule
	exps     []*expModule
	manifest Manifest
}

func (g *gen) intn(n int) int { return g.r.IntN(n) }

// between returns a uniform int in [lo, hi].
func (g *gen) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

func (g *gen) label(dir, name string) string {
	return "//" + g.cfg.Package + "/" + dir + ":" + name
}

func (g *gen) put(path string, content string) {
	g.files[path] = []byte(content)
	if strings.HasSuffix(path, ".py") && path != "device_db.py" {
		g.lines[moduleOf(path)] = strings.Count(content, "\n")
	}
}

// moduleOf maps a lab-relative .py path to its module path.
func moduleOf(path string) string {
	return strings.ReplaceAll(strings.TrimSuffix(path, ".py"), "/", ".")
}

func (g *gen) run() error {
	g.drivers()
	g.genLibs()
	g.genExperiments()
	if err := g.buildFiles(); err != nil {
		return err
	}
	return g.writeManifest()
}

func (g *gen) writeManifest() error {
	cfg := g.cfg
	m := Manifest{
		Seed:        cfg.Seed,
		Experiments: cfg.Experiments,
		Libs:        cfg.Libs,
		Drivers:     driverModules,
		Modules:     driverModules + cfg.Libs + cfg.Experiments,
		Package:     cfg.Package,
		Pattern:     "//" + cfg.Package + "/...",
		Lines:       g.lines,
		EditMarker:  EditMarker,
	}
	// Importers and binaries of each library module.
	importers := map[string]int{}
	for _, l := range g.libs {
		for _, imp := range l.imports {
			importers[imp]++
		}
	}
	for _, e := range g.exps {
		for _, imp := range e.imports {
			importers[imp]++
		}
	}
	linked := map[string]int{}
	for _, e := range g.exps {
		for mod := range g.closure(e.imports) {
			linked[mod]++
		}
	}
	best := 0
	var phase *expModule
	for _, e := range g.exps {
		m.Binaries = append(m.Binaries, g.label("experiments", e.name))
		if e.host {
			m.HostExperiments++
			continue
		}
		if phase == nil || abs(e.lines-150) < abs(phase.lines-150) {
			phase = e
		}
	}
	for i, l := range g.libs {
		if i == 0 || importers[l.module] > best {
			best = importers[l.module]
			m.Wide = Module{Module: l.module, File: l.file, Lines: l.lines, Importers: importers[l.module], Binaries: linked[l.module]}
		}
	}
	for _, e := range g.exps {
		if e.host {
			continue
		}
		m.Leaf = Module{Module: e.module, File: e.file, Lines: e.lines, Binary: g.label("experiments", e.name), Binaries: 1}
		break
	}
	m.Phase = Module{Module: phase.module, File: phase.file, Lines: phase.lines, Binary: g.label("experiments", phase.name), Binaries: 1}
	for _, e := range g.exps {
		if e.host {
			m.Host = &HostExperiment{
				Module:    Module{Module: e.module, File: e.file, Lines: e.lines, Binary: g.label("experiments", e.name), Binaries: 1},
				Datasets:  "experiments/" + e.name + ".datasets.json",
				Value:     "t_cool",
				Invariant: "n_reps",
			}
			break
		}
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	g.files["labgen.json"] = append(data, '\n')
	g.manifest = m
	return nil
}

// closure returns the modules reachable from imports (lab modules only).
func (g *gen) closure(imports []string) map[string]bool {
	deps := map[string][]string{}
	for _, l := range g.libs {
		deps[l.module] = l.imports
	}
	seen := map[string]bool{}
	var walk func(string)
	walk = func(m string) {
		if seen[m] {
			return
		}
		seen[m] = true
		for _, d := range deps[m] {
			walk(d)
		}
	}
	for _, m := range imports {
		walk(m)
	}
	return seen
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
