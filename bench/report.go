package main

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// The report is Markdown: tables that paste into docs/benchmarks.md.

func printHeader(rep *report) {
	fmt.Printf("# rules_artiq benchmark\n\n")
	fmt.Printf("started %s; Bazel %s; %s\n", rep.Started, rep.Bazel, rep.Machine)
	fmt.Printf("uptime at the start: %s\n", rep.Uptime[0])
	fmt.Printf("cache: %s\n", rep.Cache)
	if len(rep.BazelFlags) > 0 {
		fmt.Printf("extra Bazel flags: %s\n", strings.Join(rep.BazelFlags, " "))
	}
	fmt.Println()
	fmt.Printf("Wall times of `bazel build` as the user sees them (client start to exit), on a\n")
	fmt.Printf("machine that may be shared: noisy. Read the load column (1-minute load average\n")
	fmt.Printf("before each run, mean) with them. The CPU column (medians) changes less with\n")
	fmt.Printf("load: the CPU time of the processes the Bazel server ran (actions, sandboxes,\n")
	fmt.Printf("tools: its cutime+cstime) plus the server's own (utime+stime), from /proc.\n")
}

func secs(d time.Duration) string {
	switch {
	case d == 0:
		return "-"
	case d < time.Second:
		return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond))
	case d < 10*time.Second:
		return fmt.Sprintf("%.2f s", d.Seconds())
	default:
		return fmt.Sprintf("%.1f s", d.Seconds())
	}
}

// cpu prints a CPU time (whole clock ticks of 10 ms).
func cpu(d time.Duration) string {
	if d < 10*time.Second {
		return fmt.Sprintf("%.2f s", d.Seconds())
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}

func ms(d time.Duration) string { return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond)) }

func counts(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%d %s", m[k], k))
	}
	return strings.Join(parts, ", ")
}

func medianInt(xs []int) int {
	if len(xs) == 0 {
		return 0
	}
	s := append([]int(nil), xs...)
	sort.Ints(s)
	return s[len(s)/2]
}

func meanF(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t / float64(len(xs))
}

func printSize(sr *sizeResult, o options) {
	fmt.Printf("\n## Lab of %s\n\n", sr.Lab)
	fmt.Printf("First command (server start) %s; `bazel fetch` of the external repositories %s.\n\n", secs(sr.ServerStart), secs(sr.Fetch))
	fmt.Printf("| scenario | runs | median | min | max | CPU: actions + Bazel | executed (last run) | as expected | cache hits | peak RSS of the heaviest action | load |\n")
	fmt.Printf("|---|---:|---:|---:|---:|---:|---|---|---:|---|---:|\n")
	for _, r := range sr.Rows {
		lo, hi := minMax(r.Walls)
		ran := fmt.Sprint(r.Last.Executed)
		if len(r.Ran) > 0 {
			ran += ": " + counts(r.Ran)
		}
		expected := "-"
		if r.OK != nil {
			expected = "yes"
			if !*r.OK {
				expected = "**no**"
			}
		}
		fmt.Printf("| %s | %d | %s | %s | %s | %s + %s | %s | %s | %d | %s | %.1f |\n",
			r.Name, len(r.Walls), secs(median(r.Walls)), secs(lo), secs(hi),
			cpu(median(r.ActionCPU)), cpu(median(r.BazelCPU)), ran, expected,
			r.Last.Spawns-r.Last.Executed, r.Peak, meanF(r.Loads))
	}
	fmt.Println()
	for _, r := range sr.Rows {
		fmt.Printf("- %s: expected %s.", strings.TrimSpace(r.Name), r.Expect)
		if r.Mismatch != "" {
			fmt.Printf(" Not so: %s.", r.Mismatch)
		}
		fmt.Println()
	}
	for _, n := range sr.Notes {
		fmt.Printf("- %s\n", n)
	}
	g := sr.Graph
	fmt.Printf("- build graph: %d KernelCompile, %d KernelLink; --iface per compile %.1f mean, %d max; archives per link %.1f mean, %d max.\n",
		g.Compiles, g.Links, g.IfacesPerCompMean, g.IfacesPerCompMax, g.ArchivesPerLinkMean, g.ArchivesPerLinkMax)
	if len(sr.CompileActions) > 0 {
		fmt.Printf("- inside Bazel (profiles of the leaf edit's runs, sandbox and output handling included): KernelCompile %s median (%s to %s, %d actions); KernelLink %s median (%s to %s, %d).\n",
			ms(pct(sr.CompileActions, 50)), ms(pct(sr.CompileActions, 0)), ms(pct(sr.CompileActions, 100)), len(sr.CompileActions),
			ms(pct(sr.LinkActions, 50)), ms(pct(sr.LinkActions, 0)), ms(pct(sr.LinkActions, 100)), len(sr.LinkActions))
	}
	if sr.Compile != nil {
		printPhases(sr)
	}
}

// pct returns the p-th percentile of sorted durations (nearest rank).
func pct(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	i := (len(ds)*p + 99) / 100
	if i < 1 {
		i = 1
	}
	if i > len(ds) {
		i = len(ds)
	}
	return ds[i-1]
}

func printPhases(sr *sizeResult) {
	c, l := sr.Compile, sr.Link
	m := sr.Manifest
	fmt.Printf("\n### Phases: the compile of %s (%d lines) and its link, %d runs each outside Bazel (medians)\n\n", m.Phase.Module, m.Phase.Lines, c.Runs)
	wall := float64(c.Wall) / float64(time.Millisecond)
	fmt.Printf("| kernelc compile phase | ms | share of the process |\n|---|---:|---:|\n")
	var sum float64
	for _, p := range c.Phases {
		fmt.Printf("| %s | %.2f | %.1f%% |\n", p.Phase, p.MS, 100*p.MS/wall)
		sum += p.MS
	}
	fe := c.sum("parse", "resolve", "infer", "lower")
	fmt.Printf("| **front end** (parse+resolve+infer+lower) | **%.2f** | **%.1f%%** |\n", fe, 100*fe/wall)
	fmt.Printf("| outside the phases (process start, reading inputs, writing outputs) | %.2f | %.1f%% |\n", c.Outside, 100*c.Outside/wall)
	fmt.Printf("| whole process (wall) | %.1f | 100%% |\n", wall)
	fmt.Printf("| whole process, CPU time (user+sys of kernelc, llc, llvm-ar) | %.1f | |\n\n", float64(c.CPU)/float64(time.Millisecond))
	fmt.Printf("Peak RSS %.0f MB (the largest of kernelc, llc, llvm-ar); kernelc alone (`kernelc ir` on the same module) %.0f MB.\n",
		float64(c.MaxRSS)/1024, float64(c.FrontEndRSS)/1024)
	fmt.Printf("Front end %.1f%% of the phases' sum (%.2f of %.2f ms).\n\n", 100*fe/sum, fe, sum)
	lw := float64(l.Wall) / float64(time.Millisecond)
	fmt.Printf("| kernelld phase | ms | share of the process |\n|---|---:|---:|\n")
	for _, p := range l.Phases {
		fmt.Printf("| %s | %.2f | %.1f%% |\n", p.Phase, p.MS, 100*p.MS/lw)
	}
	fmt.Printf("| outside the phases | %.2f | %.1f%% |\n", l.Outside, 100*l.Outside/lw)
	fmt.Printf("| whole process (wall) | %.1f | 100%% |\n", lw)
	fmt.Printf("| whole process, CPU time (user+sys of kernelld, llc, ld.lld) | %.1f | |\n\n", float64(l.CPU)/float64(time.Millisecond))
	fmt.Printf("Link peak RSS %.0f MB.\n\n", float64(l.MaxRSS)/1024)
	fmt.Printf("For comparison (BRIEF 4b, same machine): ARTIQ's legacy compiler took 0.42 s as a fresh\n")
	fmt.Printf("process (0.24 s warm) for a 152-line TTL-only Rabi scan, 1.95 s with one DDS, 75%% of it in\n")
	fmt.Printf("its front end; LLVM under 130 ms, ld.lld + llvm-strip about 40 ms.\n")
}

// printScaling compares the sizes.
func printScaling(srs []*sizeResult) {
	fmt.Printf("\n## Scaling\n\n")
	fmt.Printf("Wall times, then in brackets the CPU time of the actions + of the Bazel server (medians).\n\n")
	fmt.Printf("| modules | compiles | links | cold lab | cold lab CPU per module | no-op | leaf edit | wide edit | leaf edit's compile action in Bazel (median) | its link action | --iface per compile | archives per link |\n")
	fmt.Printf("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, sr := range srs {
		per := time.Duration(0)
		if r := sr.row("cold"); r != nil && sr.Manifest.Modules > 0 {
			per = median(r.ActionCPU) / time.Duration(sr.Manifest.Modules)
		}
		fmt.Printf("| %d | %d | %d | %s | %s | %s | %s | %s | %s | %s | %.1f (max %d) | %.1f (max %d) |\n",
			sr.Manifest.Modules, sr.Graph.Compiles, sr.Graph.Links, cell(sr, "cold"), ms(per), cell(sr, "noop"),
			cell(sr, "leaf"), cell(sr, "wide"), ms(pct(sr.CompileActions, 50)), ms(pct(sr.LinkActions, 50)),
			sr.Graph.IfacesPerCompMean, sr.Graph.IfacesPerCompMax, sr.Graph.ArchivesPerLinkMean, sr.Graph.ArchivesPerLinkMax)
	}
	fmt.Printf("\nGrowth between sizes: x is the ratio of the larger lab's figure to the smaller's. The work\n")
	fmt.Printf("grows with the modules (cold) or with the actions a change re-runs (edits), so action CPU is\n")
	fmt.Printf("also given per executed action: flat means linear. Flagged: per-action CPU growing more than\n")
	fmt.Printf("1.3 times, or Bazel's CPU more than 1.3 times the larger of the modules' and the executed\n")
	fmt.Printf("actions' ratio. Wall ratios on a loaded machine mean little.\n\n")
	for i := 1; i < len(srs); i++ {
		a, b := srs[i-1], srs[i]
		k := float64(b.Manifest.Modules) / float64(a.Manifest.Modules)
		fmt.Printf("- %d -> %d modules (x%.1f):\n", a.Manifest.Modules, b.Manifest.Modules, k)
		for _, id := range []struct{ id, name string }{{"cold", "cold lab"}, {"noop", "no-op"}, {"leaf", "leaf edit"}, {"wide", "wide edit"}} {
			ra, rb := a.row(id.id), b.row(id.id)
			if ra == nil || rb == nil {
				continue
			}
			ea, eb := medianInt(ra.Executed), medianInt(rb.Executed)
			fmt.Printf("  - %s: executed %d -> %d; wall x%.2f", id.name, ea, eb, ratioOf(median(ra.Walls), median(rb.Walls)))
			if ea > 0 && eb > 0 {
				perA := median(ra.ActionCPU) / time.Duration(ea)
				perB := median(rb.ActionCPU) / time.Duration(eb)
				f := ratioOf(perA, perB)
				fmt.Printf("; action CPU x%.2f, per action %s -> %s (x%.2f)%s", ratioOf(median(ra.ActionCPU), median(rb.ActionCPU)), ms(perA), ms(perB), f, flagIf(f > 1.3))
			}
			bz := ratioOf(median(ra.BazelCPU), median(rb.BazelCPU))
			// Bazel's work grows with the graph it checks (every target of
			// the pattern, every file it has loaded) and the actions it runs.
			work := k
			if ea > 0 && eb > 0 && float64(eb)/float64(ea) > work {
				work = float64(eb) / float64(ea)
			}
			fmt.Printf("; Bazel CPU %s -> %s (x%.2f)%s\n", cpu(median(ra.BazelCPU)), cpu(median(rb.BazelCPU)), bz, flagIf(bz > 1.3*work))
		}
		fmt.Printf("  - inside Bazel: compile action median x%.2f, link action median x%.2f; --iface per compile %.1f -> %.1f (max %d -> %d); archives per link %.1f -> %.1f; compile inputs (sum) x%.2f\n",
			ratioOf(pct(a.CompileActions, 50), pct(b.CompileActions, 50)), ratioOf(pct(a.LinkActions, 50), pct(b.LinkActions, 50)),
			a.Graph.IfacesPerCompMean, b.Graph.IfacesPerCompMean, a.Graph.IfacesPerCompMax, b.Graph.IfacesPerCompMax,
			a.Graph.ArchivesPerLinkMean, b.Graph.ArchivesPerLinkMean,
			ratioOf(time.Duration(a.Graph.CompileInputs), time.Duration(b.Graph.CompileInputs)))
	}
}

func ratioOf(x, y time.Duration) float64 {
	if x <= 0 {
		return 0
	}
	return float64(y) / float64(x)
}

func flagIf(b bool) string {
	if b {
		return " **faster than linear**"
	}
	return ""
}

// cell is a scenario's median wall time and its CPU split.
func cell(sr *sizeResult, id string) string {
	r := sr.row(id)
	if r == nil {
		return "-"
	}
	return fmt.Sprintf("%s (%s + %s)", secs(median(r.Walls)), cpu(median(r.ActionCPU)), cpu(median(r.BazelCPU)))
}
