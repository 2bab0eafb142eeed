package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/rules-artiq/rules_artiq/tests/bazeltest"
)

// An action's peak memory cannot be read from inside Bazel 4.2.3 (the
// execution log has no resource usage, and an action cannot wrap itself
// in /usr/bin/time without changing its key). So the benchmark runs the
// action's recorded command line again, outside Bazel, in the execution
// root (where every input of the finished build is), with its recorded
// environment and its outputs redirected to a temporary directory, and
// reads the peak resident set size from wait4's rusage (Go's
// ProcessState.SysUsage). Linux reports there the largest peak of the
// process and of each descendant it waited for (kernelc, llc, llvm-ar,
// ld.lld), not their sum: see rerunResult.MaxRSS.

// rerunResult is one run of an action's command line outside Bazel.
type rerunResult struct {
	Wall time.Duration
	// CPU is the user and system time of the process and the children it
	// waited for (kernelc + llc + llvm-ar): unlike Wall, about the same on
	// a loaded machine.
	CPU time.Duration
	// MaxRSS is ru_maxrss in KiB: the largest peak resident set of the
	// process and of the children it waited for (one process, not the
	// sum of the tree).
	MaxRSS int64
	// Timings are the `timing <phase> <ms>` lines of --timings, in order.
	Timings []phaseTime
	Stderr  string
}

type phaseTime struct {
	Phase string
	MS    float64
}

// rerun runs spawn s's command line in execroot, with extra flags put
// right after the subcommand (kernelc) or the program (kernelld), and
// every output path replaced by a path in tmp.
func rerun(execroot, tmp string, s *bazeltest.Spawn, extra []string) (*rerunResult, error) {
	if len(s.CommandArgs) == 0 {
		return nil, fmt.Errorf("%s has no command line", s.Action())
	}
	outputs := map[string]string{}
	for i, o := range s.Outputs() {
		outputs[o] = filepath.Join(tmp, fmt.Sprintf("%d-%s", i, filepath.Base(o)))
	}
	args := make([]string, 0, len(s.CommandArgs)+len(extra))
	for _, a := range s.CommandArgs[1:] {
		if r, ok := outputs[a]; ok {
			a = r
		} else if name, val, ok := strings.Cut(a, "="); ok && strings.HasPrefix(name, "-") {
			if r, ok := outputs[val]; ok {
				a = name + "=" + r
			}
		}
		args = append(args, a)
	}
	if len(extra) > 0 {
		at := 0
		if len(args) > 0 && !strings.HasPrefix(args[0], "-") && strings.HasSuffix(s.CommandArgs[0], "kernelc") {
			at = 1 // after the subcommand
		}
		args = append(args[:at], append(append([]string{}, extra...), args[at:]...)...)
	}
	prog := s.CommandArgs[0]
	if !filepath.IsAbs(prog) {
		prog = filepath.Join(execroot, prog)
	}
	cmd := exec.Command(prog, args...)
	cmd.Dir = execroot
	cmd.Env = []string{}
	for _, e := range s.Env {
		cmd.Env = append(cmd.Env, e.Name+"="+e.Value)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.Stdout = &stderr
	start := time.Now()
	err := cmd.Run()
	r := &rerunResult{Wall: time.Since(start), Stderr: stderr.String()}
	if err != nil {
		return r, fmt.Errorf("re-running %s: %v\n%s", s.Action(), err, tail(r.Stderr, 20))
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.MaxRSS = ru.Maxrss
	}
	r.CPU = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	sc := bufio.NewScanner(strings.NewReader(r.Stderr))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 3 && f[0] == "timing" {
			if ms, err := strconv.ParseFloat(f[2], 64); err == nil {
				r.Timings = append(r.Timings, phaseTime{f[1], ms})
			}
		}
	}
	for _, o := range outputs {
		os.Remove(o)
	}
	return r, nil
}

// inputBytes is the total size of a spawn's inputs.
func inputBytes(s *bazeltest.Spawn) int64 {
	var n int64
	for _, f := range s.Inputs {
		n += int64(f.Digest.SizeBytes)
	}
	return n
}

// kernelMnemonics are the actions of the rules (the Go tool builds and
// the support library are not re-run: they are toolchain set-up).
var kernelMnemonics = []string{"KernelCompile", "KernelLink", "KernelSlice", "KernelSnapshot"}

// heaviest returns, per kernel mnemonic, the executed spawn with the most
// input bytes.
func heaviest(log *bazeltest.Log) []*bazeltest.Spawn {
	var out []*bazeltest.Spawn
	for _, m := range kernelMnemonics {
		var best *bazeltest.Spawn
		for _, s := range log.ByMnemonic(m) {
			if !s.Executed() {
				continue
			}
			if best == nil || inputBytes(s) > inputBytes(best) {
				best = s
			}
		}
		if best != nil {
			out = append(out, best)
		}
	}
	return out
}

// peak is the largest re-run peak RSS among some actions.
type peak struct {
	KiB    int64
	Action string
	// ByMnemonic is each re-run action's peak.
	ByMnemonic map[string]int64
}

func (p peak) String() string {
	if p.KiB == 0 {
		return "-"
	}
	return fmt.Sprintf("%.0f MB (%s)", float64(p.KiB)/1024, p.Action)
}

// measurePeak re-runs the heaviest executed kernel action of each
// mnemonic of a build and returns the largest peak.
func measurePeak(execroot, tmp string, log *bazeltest.Log) (peak, error) {
	p := peak{ByMnemonic: map[string]int64{}}
	for _, s := range heaviest(log) {
		r, err := rerun(execroot, tmp, s, nil)
		if err != nil {
			return p, err
		}
		p.ByMnemonic[s.Mnemonic] = r.MaxRSS
		if r.MaxRSS > p.KiB {
			p.KiB = r.MaxRSS
			p.Action = s.Mnemonic
		}
	}
	return p, nil
}

// findSpawn returns the first spawn of mnemonic whose command line
// satisfies match.
func findSpawn(log *bazeltest.Log, mnemonic string, match func(*bazeltest.Spawn) bool) *bazeltest.Spawn {
	for _, s := range log.ByMnemonic(mnemonic) {
		if match(s) {
			return s
		}
	}
	return nil
}

// phaseStats is the per-phase timing of repeated runs of one action.
type phaseStats struct {
	Action string
	Runs   int
	// Phases in the order the tool prints them, with the median of each.
	Phases []phaseTime
	// Wall is the median process wall time; MaxRSS the largest peak.
	Wall   time.Duration
	CPU    time.Duration
	MaxRSS int64
	// Outside is the median over runs of the wall time not in any phase
	// (process start, reading inputs, writing outputs), in ms.
	Outside float64
	// FrontEndRSS is kernelc's own peak for the module (kernelc ir, no
	// child processes); compiles only.
	FrontEndRSS int64
}

func (p *phaseStats) sum(prefixes ...string) float64 {
	t := 0.0
	for _, ph := range p.Phases {
		for _, pre := range prefixes {
			if strings.HasPrefix(ph.Phase, pre) {
				t += ph.MS
				break
			}
		}
	}
	return t
}

// timePhases re-runs s n times with --timings and takes medians.
func timePhases(execroot, tmp string, s *bazeltest.Spawn, n int) (*phaseStats, error) {
	per := map[string][]float64{}
	var order []string
	var walls, cpus []time.Duration
	var outside []float64
	st := &phaseStats{Action: s.Action(), Runs: n}
	for i := 0; i < n; i++ {
		r, err := rerun(execroot, tmp, s, []string{"--timings"})
		if err != nil {
			return nil, err
		}
		if len(r.Timings) == 0 {
			return nil, fmt.Errorf("%s --timings printed no timing lines:\n%s", s.Action(), tail(r.Stderr, 10))
		}
		walls = append(walls, r.Wall)
		cpus = append(cpus, r.CPU)
		in := 0.0
		for _, t := range r.Timings {
			in += t.MS
		}
		outside = append(outside, float64(r.Wall)/float64(time.Millisecond)-in)
		if r.MaxRSS > st.MaxRSS {
			st.MaxRSS = r.MaxRSS
		}
		for _, t := range r.Timings {
			if _, ok := per[t.Phase]; !ok {
				order = append(order, t.Phase)
			}
			per[t.Phase] = append(per[t.Phase], t.MS)
		}
	}
	for _, ph := range order {
		st.Phases = append(st.Phases, phaseTime{ph, medianF(per[ph])})
	}
	st.Wall = median(walls)
	st.CPU = median(cpus)
	st.Outside = medianF(outside)
	return st, nil
}

func medianF(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func median(xs []time.Duration) time.Duration {
	if len(xs) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), xs...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func minMax(xs []time.Duration) (time.Duration, time.Duration) {
	if len(xs) == 0 {
		return 0, 0
	}
	lo, hi := xs[0], xs[0]
	for _, x := range xs {
		if x < lo {
			lo = x
		}
		if x > hi {
			hi = x
		}
	}
	return lo, hi
}
