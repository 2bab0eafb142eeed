package lab

import (
	"fmt"
	"sort"
	"strings"
)

// expModule is one experiment.
type expModule struct {
	name    string // e007
	module  string // experiments.e007
	file    string // experiments/e007.py
	class   string // E007 (host experiments)
	host    bool
	imports []string // lab modules it imports
	devices []string // host experiments: devices/ modules it uses
	lines   int
}

var titles = []string{
	"Rabi flopping scan", "Ramsey fringe scan", "sideband cooling sequence", "state detection calibration",
	"Doppler cooling optimisation", "microwave spectroscopy", "ion transport test", "heating rate measurement",
	"optical pumping check", "clock transition interrogation", "shelving readout", "AC Stark shift scan",
}

var blurbs = []string{
	"Cools, prepares, drives for a scanned time and detects, point by point.",
	"Two pulses around a scanned free evolution, then fluorescence detection.",
	"Pulse trains on the cooling beams, interleaved with detection windows.",
	"Scans a DDS frequency over a window while gating the photon counters.",
	"Repeats a pulse sequence over a list of channels with nested parallel blocks.",
}

// expTarget is the number of lines an experiment aims at: 100 to 200.
func (g *gen) expTarget() int { return g.between(110, 185) }

func (g *gen) genExperiments() {
	n := g.cfg.Experiments
	width := 3
	if n > 1000 {
		width = len(fmt.Sprint(n - 1))
	}
	isHost := func(i int) bool {
		if g.cfg.HostEvery <= 0 {
			return false
		}
		if i%g.cfg.HostEvery == g.cfg.HostEvery-1 {
			return true
		}
		// At least one host experiment, the last, when the lab is smaller
		// than HostEvery (but never the first: that is the leaf).
		return n < g.cfg.HostEvery && i == n-1
	}
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("e%0*d", width, i)
		e := &expModule{name: name, module: "experiments." + name, file: "experiments/" + name + ".py", class: "E" + name[1:], host: isHost(i)}
		// Libraries: lib.common, and 1 to 4 others.
		deps := []*libModule{g.libs[0]}
		if len(g.libs) > 1 {
			for j, k := 0, g.between(1, 4); j < k; j++ {
				d := g.libs[1+g.intn(len(g.libs)-1)]
				dup := false
				for _, x := range deps {
					dup = dup || x == d
				}
				if !dup {
					deps = append(deps, d)
				}
			}
		}
		var src string
		if e.host {
			src = g.hostExperiment(e, deps)
		} else {
			src = g.plainExperiment(e, deps)
		}
		for _, d := range deps {
			e.imports = append(e.imports, d.module)
		}
		if !e.host {
			e.imports = append(e.imports, "drivers.core", "drivers.dds", "drivers.ttl")
		}
		sort.Strings(e.imports)
		e.lines = strings.Count(src, "\n")
		g.put(e.file, src)
		g.exps = append(g.exps, e)
	}
}

// stageBlock returns one block of statements for a stage function body
// (indent 0 = the function body), in a scope with chans: list[int32],
// width: int64, acc: int32, elapsed: int64.
func (g *gen) stageBlock(calls []callable) []string {
	var c code
	switch g.intn(6) {
	case 0: // a pulse train over the device list
		c.l(0, "for ch in chans:")
		c.l(1, "with parallel:")
		c.l(2, "drivers.ttl.pulse_mu(ch, width)")
		c.l(2, "drivers.ttl.pulse_mu(ch + %d, width // int64(2))", g.between(4, 8))
		c.l(1, "delay_mu(width)")
		c.l(1, "acc += 1")
	case 1: // nested parallel and sequential blocks
		c.l(0, "with parallel:")
		c.l(1, "with sequential:")
		c.add(2, g.callLines(g.pickCalls(calls, 1)[0]))
		c.l(2, "delay(%d * us)", g.between(1, 4))
		c.add(2, g.callLines(g.pickCalls(calls, 1)[0]))
		c.l(1, "with sequential:")
		ch := g.ttl()
		c.l(2, "drivers.ttl.on(%d)", ch)
		c.l(2, "delay_mu(width)")
		c.l(2, "drivers.ttl.off(%d)", ch)
		c.l(1, "drivers.ttl.pulse(%d, %d * us)", g.ttl(), g.between(1, 9))
	case 2: // a frequency scan
		f0 := g.between(80, 120)
		c.l(0, "for k in range(%d):", g.between(3, 6))
		c.l(1, "f = _clip(%d.0 + 0.%d * k, %d.0, %d.0)", f0, g.between(1, 9), f0, f0+2)
		c.l(1, "drivers.dds.set_freq(%d, f * MHz, 0.%d)", g.dds(), g.between(1, 9))
		c.l(1, "delay(%d * us)", g.between(1, 5))
		c.l(1, "acc += k")
	case 3: // library calls
		for _, call := range g.pickCalls(calls, g.between(1, 3)) {
			c.add(0, g.callLines(call))
		}
	case 4: // a counted loop over the channels
		c.l(0, "n = 0")
		c.l(0, "while n < %d:", g.between(2, 5))
		c.l(1, "drivers.ttl.pulse_mu(chans[n %% len(chans)], width)")
		c.l(1, "delay_mu(int64(%d))", 4*g.between(1, 5))
		c.l(1, "n += 1")
		c.l(0, "acc += n")
	case 5: // a tuple of frequencies
		f0 := g.between(80, 120)
		c.l(0, "lo, hi = (%d.0, %d.5)", f0, f0+g.between(1, 5))
		c.l(0, "for p in [lo, (lo + hi) / 2.0, hi]:")
		c.l(1, "drivers.dds.set_freq(%d, p * MHz, 0.5)", g.dds())
		c.l(1, "delay_mu(width)")
	}
	return c.lines
}

func (g *gen) header(c *code, e *expModule, host bool) {
	title := titles[g.intn(len(titles))]
	if host {
		c.l(0, "# Experiment %s: %s, with host values.", e.module, title)
	} else {
		c.l(0, "# Experiment %s: %s.", e.module, title)
	}
	c.l(0, "#")
	c.l(0, "# %s", blurbs[g.intn(len(blurbs))])
	if host {
		c.l(0, "# Devices come from device_db.py, n_points and t_probe are arguments,")
		c.l(0, "# the rest datasets (%s.datasets.json). n_points, n_reps, the device", e.name)
		c.l(0, "# list and the detection TTL are kernel invariants, folded into this")
		c.l(0, "# module's code; every other value is link-time data.")
	}
	c.l(0, "# Generated by bench/labgen (seed %d).", g.cfg.Seed)
	c.blank()
}

func (g *gen) channels(n int) []int {
	first := g.intn(nTTL - n)
	out := make([]int, n)
	for i := range out {
		out[i] = first + i
	}
	return out
}

func intList(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = fmt.Sprint(x)
	}
	return "[" + strings.Join(s, ", ") + "]"
}

func (g *gen) plainExperiment(e *expModule, deps []*libModule) string {
	target := g.expTarget()
	var c code
	g.header(&c, e, false)
	c.l(0, "import drivers.dds")
	c.l(0, "import drivers.ttl")
	c.l(0, "from drivers.core import break_realtime")
	imp := g.importLibs(deps)
	for _, s := range imp.importLines {
		c.l(0, "%s", s)
	}
	c.blank()
	nPoints := g.between(3, 8)
	c.l(0, "N_POINTS = %d", nPoints)
	c.l(0, "SCAN_START = %d.0", g.between(1, 3))
	c.l(0, "SCAN_STEP = 0.%d", g.between(2, 9))
	c.l(0, "LIMIT = %d.5", g.between(3, 6))
	hasShutter, hasSweep := g.chance(0.7), g.chance(0.7)
	if hasShutter {
		c.blank()
		c.blank()
		c.l(0, "class Shutter:")
		c.l(1, "# A kernel object: created and used on the core device.")
		c.l(1, "@kernel")
		c.l(1, "def __init__(self, channel: int32, open_mu: int64):")
		c.l(2, "self.channel = channel")
		c.l(2, "self.open_mu = open_mu")
		c.l(2, "self.opened = 0")
		c.blank()
		c.l(1, "@kernel")
		c.l(1, "def open(self) -> None:")
		c.l(2, "drivers.ttl.on(self.channel)")
		c.l(2, "delay_mu(self.open_mu)")
		c.l(2, "self.opened += 1")
		c.blank()
		c.l(1, "@kernel")
		c.l(1, "def close(self) -> None:")
		c.l(2, "drivers.ttl.off(self.channel)")
	}
	if hasSweep {
		c.blank()
		c.blank()
		c.l(0, "class Sweep:")
		c.l(1, "@kernel")
		c.l(1, "def __init__(self, start: float, step: float, n: int32):")
		c.l(2, "self.start = start")
		c.l(2, "self.step = step")
		c.l(2, "self.n = n")
		c.blank()
		c.l(1, "@kernel")
		c.l(1, "def point(self, i: int32) -> float:")
		c.l(2, "return self.start + self.step * i")
	}
	c.blank()
	c.blank()
	c.l(0, "@kernel")
	c.l(0, "def _point(start, step, i):")
	c.l(1, "return start + step * i")
	c.blank()
	c.blank()
	c.l(0, "@kernel")
	c.l(0, "def _clip(x, lo, hi):")
	c.l(1, "if x < lo:")
	c.l(2, "return lo")
	c.l(1, "if x > hi:")
	c.l(2, "return hi")
	c.l(1, "return x")

	// run() without the stage calls is about 45 lines; stages fill the
	// rest of the target.
	runLines := 45
	var stages []string
	for len(c.lines)+runLines+len(stages) < target-12 || len(stages) == 0 {
		name := fmt.Sprintf("stage_%d", len(stages))
		stages = append(stages, name)
		c.blank()
		c.blank()
		c.l(0, "@kernel")
		c.l(0, "def %s(chans: list[int32], width: int64) -> int32:", name)
		c.l(1, "acc = 0")
		c.l(1, "elapsed = int64(0)")
		left := target - runLines - len(stages) - len(c.lines)
		for nb := 0; nb == 0 || (nb < 4 && left > 20); nb++ {
			before := len(c.lines)
			c.add(1, g.stageBlock(imp.calls))
			left -= len(c.lines) - before
		}
		c.l(1, "return acc + int32(elapsed // int64(1000))")
	}

	chans := g.channels(g.between(3, 5))
	c.blank()
	c.blank()
	c.l(0, "@kernel")
	c.l(0, "def run() -> None:")
	c.l(1, "break_realtime()")
	c.l(1, "acc = 0")
	c.l(1, "elapsed = int64(0)")
	c.l(1, "skipped = 0")
	c.l(1, "chans = %s", intList(chans))
	c.l(1, "width = int64(%d)", 8*g.between(2, 8))
	if hasSweep {
		c.l(1, "sweep = Sweep(SCAN_START, SCAN_STEP, N_POINTS)")
	}
	if hasShutter {
		c.l(1, "shutter = Shutter(%d, int64(%d))", g.ttl(), 10*g.between(1, 9))
	}
	c.l(1, "for i in range(N_POINTS):")
	if hasSweep {
		c.l(2, "x = sweep.point(i)")
	} else {
		c.l(2, "x = _point(SCAN_START, SCAN_STEP, i)")
	}
	if hasShutter {
		c.l(2, "shutter.open()")
	}
	c.l(2, "with parallel:")
	c.l(3, "with sequential:")
	for _, call := range g.pickCalls(imp.calls, 2) {
		c.add(4, g.callLines(call))
	}
	c.l(3, "for ch in chans:")
	c.l(4, "drivers.ttl.pulse_mu(ch, width)")
	c.l(3, "with sequential:")
	c.l(4, "delay(x * us)")
	c.l(4, "drivers.dds.set_freq(%d, %d.0 * MHz + x * 1000.0, 0.5)", g.dds(), g.between(80, 120))
	c.l(2, "try:")
	c.l(3, "if x > LIMIT:")
	c.l(4, "raise ValueError(\"scan point out of range\")")
	c.l(3, "acc += %s(chans, width)", stages[0])
	c.l(2, "except ValueError:")
	c.l(3, "skipped += 1")
	if hasShutter {
		c.l(2, "shutter.close()")
	}
	c.l(2, "delay_mu(int64(%d))  %s", g.between(100, 999), EditMarker)
	c.blank()
	c.l(1, "def shot(ch):")
	c.l(2, "# A closure over width.")
	c.l(2, "drivers.ttl.pulse_mu(ch, width)")
	c.l(2, "delay_mu(width)")
	c.blank()
	c.l(1, "for ch in chans:")
	c.l(2, "shot(ch)")
	for _, s := range stages[1:] {
		c.l(1, "acc += %s(chans, width)", s)
	}
	c.l(1, "with parallel:")
	c.l(2, "with sequential:")
	for _, call := range g.pickCalls(imp.calls, 2) {
		c.add(3, g.callLines(call))
	}
	c.l(2, "with sequential:")
	c.l(3, "delay_mu(int64(%d))", 10*g.between(1, 9))
	c.l(3, "drivers.ttl.pulse(%d, %d * us)", g.ttl(), g.between(1, 5))
	c.l(1, "scale = lambda v: v * 2")
	c.l(1, "print(\"%s\", acc, elapsed, skipped, scale(acc))", e.name)
	return c.String()
}

// hostExperiment writes an experiment class that reads host values: the
// devices of device_db.py, arguments and datasets.
func (g *gen) hostExperiment(e *expModule, deps []*libModule) string {
	target := g.expTarget()
	var c code
	g.header(&c, e, true)
	c.l(0, "from artiq.experiment import *")
	imp := g.importLibs(deps)
	for _, s := range imp.importLines {
		c.l(0, "%s", s)
	}
	e.devices = []string{"devices.core", "devices.dds", "devices.ttl"}
	ttls := g.channels(4)
	dds := g.intn(nDDS)
	t := func(i int) string { return fmt.Sprintf("ttl%d", ttls[i]) }
	ddsName := fmt.Sprintf("dds%d", dds)
	nPoints := g.between(3, 6)

	c.blank()
	c.blank()
	c.l(0, "class %s(EnvExperiment):", e.class)
	c.l(1, "def build(self):")
	c.l(2, "self.setattr_device(\"core\")")
	for i := range ttls {
		c.l(2, "self.setattr_device(\"%s\")", t(i))
	}
	c.l(2, "self.setattr_device(\"%s\")", ddsName)
	c.l(2, "self.setattr_argument(\"n_points\", NumberValue(%d, precision=0, step=1, type=\"int\"))", nPoints)
	c.l(2, "self.setattr_argument(\"t_probe\", NumberValue(%d * us, unit=\"us\"))", g.between(1, 5))
	c.l(2, "self.setattr_dataset(\"t_cool\", 5 * us)")
	c.l(2, "self.n_reps = self.get_dataset(\"n_reps\", 2)")
	c.l(2, "self.detect_mu = self.get_dataset(\"detect_mu\", 40)")
	c.l(2, "self.freq = self.get_dataset(\"freq\", 100e6)")
	c.l(2, "self.label = \"%s\"", e.name)
	c.l(2, "self.enabled = True")
	c.l(2, "self.ttls = [self.%s, self.%s, self.%s]", t(0), t(1), t(2))
	c.l(2, "self.widths = [%d, %d, %d]", 8*g.between(1, 4), 8*g.between(2, 6), 8*g.between(3, 8))
	c.l(2, "self.counts = [0] * self.n_points")
	c.l(2, "self.kernel_invariants = {\"n_points\", \"n_reps\", \"label\", \"ttls\", \"%s\"}", t(3))
	c.blank()
	c.l(1, "@kernel")
	c.l(1, "def cool(self):")
	c.l(2, "with parallel:")
	c.l(3, "self.%s.pulse(self.t_cool)", t(0))
	c.l(3, "self.%s.pulse(self.t_cool)", t(1))
	c.l(2, "delay(%d * us)", g.between(1, 3))
	c.blank()
	c.l(1, "@kernel")
	c.l(1, "def detect(self) -> int32:")
	c.l(2, "n = 0")
	c.l(2, "for _ in range(2):")
	c.l(3, "self.%s.pulse_mu(int64(self.detect_mu))", t(3))
	c.l(3, "delay_mu(int64(self.detect_mu))")
	c.l(3, "n += 1")
	c.l(2, "return n")

	runLines := 18
	var stages []string
	for len(c.lines)+runLines+len(stages) < target-6 || len(stages) == 0 {
		name := fmt.Sprintf("stage_%d", len(stages))
		stages = append(stages, name)
		c.blank()
		c.l(1, "@kernel")
		c.l(1, "def %s(self, i: int32) -> int32:", name)
		c.l(2, "acc = 0")
		c.l(2, "elapsed = int64(0)")
		left := target - runLines - len(stages) - len(c.lines)
		for nb := 0; nb == 0 || (nb < 4 && left > 20); nb++ {
			before := len(c.lines)
			switch g.intn(4) {
			case 0: // the device list
				c.l(2, "for t in self.ttls:")
				c.l(3, "t.pulse_mu(int64(self.widths[i %% 3]))")
				c.l(3, "acc += 1")
			case 1: // the DDS around the stored frequency
				c.l(2, "for k in range(%d):", g.between(2, 5))
				c.l(3, "self.%s.set(self.freq + %d000.0 * k, 0.%d)", ddsName, g.between(1, 9), g.between(1, 9))
				c.l(3, "delay(%d * us)", g.between(1, 4))
			case 2: // nested parallel blocks with library calls
				c.l(2, "with parallel:")
				c.l(3, "with sequential:")
				c.add(4, g.callLines(g.pickCalls(imp.calls, 1)[0]))
				c.l(4, "self.%s.pulse(self.t_probe)", t(2))
				c.l(3, "with sequential:")
				c.l(4, "delay(%d * us)", g.between(1, 3))
				c.l(4, "self.%s.pulse_mu(int64(%d))", t(1), 8*g.between(1, 9))
			case 3: // library calls
				for _, call := range g.pickCalls(imp.calls, g.between(1, 2)) {
					c.add(2, g.callLines(call))
				}
			}
			left -= len(c.lines) - before
		}
		c.l(2, "return acc + int32(elapsed // int64(1000))")
	}

	c.blank()
	c.l(1, "@kernel")
	c.l(1, "def run(self):")
	c.l(2, "self.core.reset()")
	c.l(2, "total = 0")
	c.l(2, "for i in range(self.n_points):")
	c.l(3, "for r in range(self.n_reps):")
	c.l(4, "self.cool()")
	c.l(4, "with parallel:")
	c.l(5, "self.%s.pulse(self.t_probe)", t(0))
	c.l(5, "with sequential:")
	c.l(6, "delay(%d * us)", g.between(1, 3))
	c.l(6, "self.%s.set(self.freq, 0.25)", ddsName)
	for _, s := range stages {
		c.l(4, "total += self.%s(i)", s)
	}
	c.l(3, "self.counts[i] = self.detect()")
	c.l(3, "delay_mu(int64(%d))  %s", g.between(100, 999), EditMarker)
	c.l(2, "if self.enabled:")
	c.l(3, "print(self.label, self.counts, total)")

	// Written by hand: a JSON number with a point stays a float.
	g.files["experiments/"+e.name+".datasets.json"] = []byte(DatasetsJSON(map[string]string{
		"detect_mu": "40", "freq": "100000000.0", "n_reps": "2", "t_cool": "5e-06",
	}))
	return c.String()
}

// DatasetsJSON writes a datasets file: one key per line, sorted, values
// as given (JSON literals).
func DatasetsJSON(values map[string]string) string {
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString("{\n")
	for i, k := range keys {
		sep := ","
		if i == len(keys)-1 {
			sep = ""
		}
		fmt.Fprintf(&b, "  %q: %s%s\n", k, values[k], sep)
	}
	b.WriteString("}\n")
	return b.String()
}
