package lab

import (
	"fmt"
	"sort"
	"strings"
)

// code accumulates lines of Python.
type code struct {
	lines []string
}

// l appends one line at an indentation level (4 spaces each).
func (c *code) l(indent int, format string, args ...any) {
	c.lines = append(c.lines, strings.Repeat("    ", indent)+fmt.Sprintf(format, args...))
}

// blank appends an empty line.
func (c *code) blank() { c.lines = append(c.lines, "") }

// add appends lines indented by indent more levels.
func (c *code) add(indent int, lines []string) {
	for _, s := range lines {
		if s == "" {
			c.blank()
			continue
		}
		c.lines = append(c.lines, strings.Repeat("    ", indent)+s)
	}
}

func (c *code) String() string { return strings.Join(c.lines, "\n") + "\n" }

// kind is the shape (signature and body pattern) of a library function.
type kind int

const (
	kCool     kind = iota // (duration: float) -> None
	kTrain                // (channels: list[int32], width: int64) -> int32
	kDetect               // (channel: int32, window: int64) -> int32
	kRamp                 // (bus: int32, f0: float, f1: float, steps: int32) -> None
	kSequence             // (base: int32, reps: int32) -> int64
	kPoints               // (start: float, stop: float, n: int32) -> list[float]
	kStats                // (values: list[float]) -> float
	nKinds
)

var kindWord = [nKinds]string{"cool", "train", "detect", "ramp", "sequence", "points", "mean"}

var kindSig = [nKinds]string{
	"(duration: float) -> None",
	"(channels: list[int32], width: int64) -> int32",
	"(channel: int32, window: int64) -> int32",
	"(bus: int32, f0: float, f1: float, steps: int32) -> None",
	"(base: int32, reps: int32) -> int64",
	"(start: float, stop: float, n: int32) -> list[float]",
	"(values: list[float]) -> float",
}

var nouns = []string{"mot", "probe", "pmt", "raman", "repump", "sideband", "clock", "shelve", "gate", "trap", "cavity", "ion"}

var themes = []string{"cooling", "detection", "dds", "scan", "sequence", "readout", "shutter", "clock", "transport", "pumping"}

// libFn is one public function of a library module.
type libFn struct {
	module string
	name   string
	kind   kind
}

// libModule is one library module.
type libModule struct {
	module  string // lib.x
	file    string // lib/x.py
	name    string // x (the BUILD target)
	imports []string
	fns     []libFn
	lines   int
}

// callable is a library function as a module refers to it.
type callable struct {
	fn  libFn
	ref string // lib.x.f, or f after `from lib.x import f`
}

// ttl returns a TTL channel number of the plain driver layer.
func (g *gen) ttl() int { return g.intn(nTTL) }

// dds returns a DDS bus number.
func (g *gen) dds() int { return ddsBase + g.intn(nDDS) }

// callLines is a statement that calls c, with literal arguments. The
// enclosing function declares `acc = 0` (int32) and `elapsed =
// int64(0)`, which the results of int-valued calls are added to.
func (g *gen) callLines(c callable) []string {
	switch c.fn.kind {
	case kCool:
		return []string{fmt.Sprintf("%s(%d * us)", c.ref, g.between(1, 5))}
	case kTrain:
		a := g.ttl()
		return []string{fmt.Sprintf("acc += %s([%d, %d, %d], int64(%d))", c.ref, a, (a+1)%nTTL, (a+2)%nTTL, 8*g.between(1, 6))}
	case kDetect:
		return []string{fmt.Sprintf("acc += %s(%d, int64(%d))", c.ref, g.ttl(), 10*g.between(2, 9))}
	case kRamp:
		f0 := g.between(70, 110)
		return []string{fmt.Sprintf("%s(%d, %d.0 * MHz, %d.0 * MHz, %d)", c.ref, g.dds(), f0, f0+g.between(1, 10), g.between(2, 5))}
	case kSequence:
		return []string{fmt.Sprintf("elapsed += %s(%d, %d)", c.ref, g.ttl(), g.between(1, 3))}
	case kPoints:
		lo := g.between(1, 5)
		return []string{
			fmt.Sprintf("for p in %s(%d.0, %d.5, %d):", c.ref, lo, lo+g.between(1, 4), g.between(2, 4)),
			"    delay(p * us)",
		}
	case kStats:
		return []string{fmt.Sprintf("acc += int32(%s([0.%d, 0.%d, 1.%d]) * 4.0)", c.ref, g.between(1, 9), g.between(1, 9), g.between(0, 9))}
	}
	panic("unknown kind")
}

// body returns the body of a library function of kind k (indented one
// level), with calls inserted before its return, and the edit marker
// when edit is set.
func (g *gen) libBody(k kind, calls []callable, edit bool) []string {
	var c code
	if len(calls) > 0 {
		c.l(1, "acc = 0")
		c.l(1, "elapsed = int64(0)")
	}
	var ret string
	switch k {
	case kCool:
		c.l(1, "with parallel:")
		c.l(2, "drivers.ttl.pulse(%d, duration)", g.ttl())
		c.l(2, "drivers.ttl.pulse(%d, duration)", g.ttl())
		c.l(2, "with sequential:")
		c.l(3, "delay(%d * us)", g.between(1, 3))
		c.l(3, "drivers.dds.set_freq(%d, %d.0 * MHz, 0.%d)", g.dds(), g.between(70, 120), g.between(1, 9))
		c.l(1, "_settle(%d)", g.between(1, 4))
	case kTrain:
		c.l(1, "n = 0")
		c.l(1, "for ch in channels:")
		c.l(2, "drivers.ttl.pulse_mu(ch, width)")
		c.l(2, "delay_mu(width)")
		c.l(2, "n += 1")
		ret = "return n"
	case kDetect:
		c.l(1, "counts = 0")
		c.l(1, "t0 = now_mu()")
		c.l(1, "for i in range(N_SHOTS):")
		c.l(2, "with parallel:")
		c.l(3, "drivers.ttl.pulse_mu(channel, window)")
		c.l(3, "drivers.ttl.pulse_mu(channel + 1, window // int64(2))")
		c.l(2, "if (now_mu() - t0) %% int64(3) == int64(0):")
		c.l(3, "counts += 2")
		c.l(2, "else:")
		c.l(3, "counts += 1")
		ret = "return counts"
	case kRamp:
		c.l(1, "step = (f1 - f0) / steps")
		c.l(1, "for i in range(steps):")
		c.l(2, "drivers.dds.set_freq(bus, f0 + step * i, 0.%d)", g.between(1, 9))
		c.l(2, "delay(%d * us)", g.between(1, 4))
	case kSequence:
		c.l(1, "start = now_mu()")
		c.l(1, "for r in range(reps):")
		c.l(2, "with parallel:")
		c.l(3, "with sequential:")
		c.l(4, "drivers.ttl.pulse_mu(base, int64(%d))", 10*g.between(1, 9))
		c.l(4, "delay_mu(int64(GAP_MU))")
		c.l(4, "drivers.ttl.pulse_mu(base + 1, int64(%d))", 10*g.between(1, 9))
		c.l(3, "drivers.ttl.pulse_mu(base + 2, int64(%d))", 10*g.between(1, 9))
		ret = "return now_mu() - start"
	case kPoints:
		c.l(1, "out = [0.0] * n")
		c.l(1, "step = (stop - start) / max(n - 1, 1)")
		c.l(1, "for i in range(n):")
		c.l(2, "out[i] = start + step * i")
		ret = "return out"
	case kStats:
		c.l(1, "total = 0.0")
		c.l(1, "peak = values[0]")
		c.l(1, "for v in values:")
		c.l(2, "total += v")
		c.l(2, "if v > peak:")
		c.l(3, "peak = v")
		ret = "return 0.5 * (total / len(values) + peak)"
	}
	for _, call := range calls {
		c.add(1, g.callLines(call))
	}
	if edit {
		c.l(1, "delay_mu(int64(%d))  %s", g.between(1, 50), EditMarker)
	}
	if ret != "" {
		c.l(1, "%s", ret)
	}
	return c.lines
}

// imported is how a module refers to the functions of the modules it
// imports: `import lib.x` (calls lib.x.f) or `from lib.x import f, g`.
type imported struct {
	importLines []string
	calls       []callable
}

// importLibs writes the import lines for mods and lists their functions
// as the importing module calls them. With from, a random subset of each
// module's functions is imported by name.
func (g *gen) importLibs(mods []*libModule) imported {
	var out imported
	for _, m := range mods {
		if g.chance(0.5) {
			out.importLines = append(out.importLines, "import "+m.module)
			for _, f := range m.fns {
				out.calls = append(out.calls, callable{fn: f, ref: m.module + "." + f.name})
			}
			continue
		}
		n := g.between(1, len(m.fns))
		perm := g.r.Perm(len(m.fns))[:n]
		sort.Ints(perm)
		var names []string
		for _, i := range perm {
			f := m.fns[i]
			names = append(names, f.name)
			out.calls = append(out.calls, callable{fn: f, ref: f.name})
		}
		out.importLines = append(out.importLines, fmt.Sprintf("from %s import %s", m.module, strings.Join(names, ", ")))
	}
	return out
}

// pickCalls returns n calls chosen from cs (fewer when cs is shorter).
func (g *gen) pickCalls(cs []callable, n int) []callable {
	var out []callable
	for i := 0; i < n && len(cs) > 0; i++ {
		out = append(out, cs[g.intn(len(cs))])
	}
	return out
}

func (g *gen) genLibs() {
	for k := 0; k < g.cfg.Libs; k++ {
		var name string
		if k == 0 {
			name = "common"
		} else {
			name = fmt.Sprintf("%s_%03d", themes[g.intn(len(themes))], k)
		}
		m := &libModule{module: "lib." + name, file: "lib/" + name + ".py", name: name}
		// Imports: lib.common (most modules), up to two earlier modules.
		var deps []*libModule
		if k > 0 && g.chance(0.7) {
			deps = append(deps, g.libs[0])
		}
		if k > 1 {
			for i, n := 0, g.between(0, 2); i < n; i++ {
				d := g.libs[1+g.intn(k-1)]
				dup := false
				for _, x := range deps {
					dup = dup || x == d
				}
				if !dup {
					deps = append(deps, d)
				}
			}
		}
		for _, d := range deps {
			m.imports = append(m.imports, d.module)
		}
		sort.Strings(m.imports)
		imp := g.importLibs(deps)

		// Public functions: 3 to 5 of distinct kinds.
		perm := g.r.Perm(int(nKinds))
		nf := g.between(3, 5)
		for i := 0; i < nf; i++ {
			kd := kind(perm[i])
			m.fns = append(m.fns, libFn{
				module: m.module,
				name:   fmt.Sprintf("%s_%s_%d", kindWord[kd], nouns[g.intn(len(nouns))], k),
				kind:   kd,
			})
		}

		var c code
		c.l(0, "# Library module %s: %s helpers shared by the lab's experiments.", m.module, strings.SplitN(name, "_", 2)[0])
		c.l(0, "# Generated by bench/labgen (seed %d).", g.cfg.Seed)
		c.blank()
		c.l(0, "import drivers.dds")
		c.l(0, "import drivers.ttl")
		for _, s := range imp.importLines {
			c.l(0, "%s", s)
		}
		c.blank()
		c.l(0, "GAP_MU = %d", 8*g.between(1, 4))
		c.l(0, "N_SHOTS = %d", g.between(2, 4))
		c.blank()
		c.blank()
		c.l(0, "@kernel")
		c.l(0, "def _settle(n):")
		c.l(1, "# Private and unannotated: instantiated per use.")
		c.l(1, "delay_mu(int64(GAP_MU * n))")
		for i, f := range m.fns {
			c.blank()
			c.blank()
			c.l(0, "@kernel")
			c.l(0, "def %s%s:", f.name, kindSig[f.kind])
			c.add(0, g.libBody(f.kind, g.pickCalls(imp.calls, g.between(0, 2)), i == 0))
		}
		m.lines = len(c.lines)
		g.put(m.file, c.String())
		g.libs = append(g.libs, m)
	}
}
