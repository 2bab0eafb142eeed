package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/rules-artiq/rules_artiq/bench/lab"
	"github.com/rules-artiq/rules_artiq/tests/bazeltest"
)

// env is one benchmark run's temporary directory: the workspaces, their
// output user root (one Bazel server per workspace), the cache, the logs.
type env struct {
	bazel string
	repo  string
	files []string // the repository files every workspace starts with
	// src is the snapshot of the checkout that workspaces are copied from.
	src  string
	root string
	// userRoot is the --output_user_root that every workspace shares.
	userRoot string
	cache    *cache
	logs     int
	verbose  bool
	// idle is --max_idle_secs: a server that the benchmark could not shut
	// down exits by itself.
	idle int
	// flags are added to every build (-bazel-flags).
	flags []string
	// edits counts body edits and value changes over the whole run, so
	// that each one writes a value never written before (never a cache
	// hit, also across lab sizes, whose modules may coincide).
	edits int
}

// workspace is one copy of the repository with a generated lab in it.
type workspace struct {
	env      *env
	name     string
	dir      string
	started  bool
	execRoot string
	manifest *lab.Manifest
	// pid is the Bazel server's process id, once known.
	pid int
}

// newWorkspace copies the repository to root/name and generates the lab
// in it (at lab/, the module root; labels //lab/...).
func (e *env) newWorkspace(name string, cfg lab.Config) (*workspace, error) {
	dir := filepath.Join(e.root, name)
	if err := bazeltest.CopyFiles(e.src, dir, e.files); err != nil {
		return nil, err
	}
	cfg.Package = "lab"
	l, err := lab.Generate(cfg)
	if err != nil {
		return nil, err
	}
	if err := l.Write(filepath.Join(dir, "lab")); err != nil {
		return nil, err
	}
	m := l.Manifest
	return &workspace{env: e, name: name, dir: dir, manifest: &m}, nil
}

func (w *workspace) startup() []string {
	return []string{
		"--output_user_root=" + w.env.userRoot,
		"--max_idle_secs=" + strconv.Itoa(w.env.idle),
		// A developer's ~/.bazelrc must not change what is measured.
		"--nohome_rc",
	}
}

// result is one bazel invocation.
type result struct {
	args    []string
	output  string
	elapsed time.Duration
	log     *bazeltest.Log
	profile *profile
	procs   bazeltest.ProcessSummary
	hasProc bool
	// load is the 1-minute load average just before the command.
	load float64
	// bazelCPU is the CPU time (user+sys) the Bazel server spent during
	// the command; actionCPU the CPU time of the processes it ran and
	// waited for (the actions, their sandboxes and tools), from the
	// server's cutime+cstime. Unlike wall times, these change little with
	// the machine's load. Zero when the server's pid is unknown.
	bazelCPU, actionCPU time.Duration
}

// run runs `bazel STARTUP... command args...` in the workspace.
func (w *workspace) run(ctx context.Context, command string, args ...string) (*result, error) {
	argv := append(w.startup(), command)
	argv = append(argv, args...)
	cmd := exec.CommandContext(ctx, w.env.bazel, argv...)
	cmd.Dir = w.dir
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGINT) }
	cmd.WaitDelay = 30 * time.Second
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	w.started = true
	r := &result{args: argv, load: loadAverage()}
	own0, kids0, cpuOK := serverCPU(w.pid)
	start := time.Now()
	err := cmd.Run()
	r.elapsed = time.Since(start)
	if own1, kids1, ok := serverCPU(w.pid); ok && cpuOK {
		r.bazelCPU, r.actionCPU = own1-own0, kids1-kids0
	}
	r.output = out.String()
	r.procs, r.hasProc = bazeltest.ParseProcessSummary(r.output)
	if w.env.verbose {
		fmt.Fprintf(os.Stderr, "bench: [%s] bazel %s %s: %v\n", w.name, command, strings.Join(args, " "), r.elapsed.Round(time.Millisecond))
	}
	if err != nil {
		return r, fmt.Errorf("bazel %s %s in %s: %v\n%s", command, strings.Join(args, " "), w.dir, err, tail(r.output, 40))
	}
	return r, nil
}

// build runs `bazel build` with an execution log and a profile, and
// the cache flags of the env, and parses both.
func (w *workspace) build(ctx context.Context, extra []string, targets ...string) (*result, error) {
	w.env.logs++
	base := filepath.Join(w.env.root, "logs", fmt.Sprintf("%04d-%s", w.env.logs, w.name))
	if err := os.MkdirAll(filepath.Dir(base), 0o755); err != nil {
		return nil, err
	}
	args := []string{"--color=no", "--curses=no", "--show_progress_rate_limit=60",
		"--execution_log_json_file=" + base + ".execlog.json",
		"--profile=" + base + ".profile.json",
	}
	args = append(args, w.env.cache.flags()...)
	args = append(args, w.env.flags...)
	args = append(args, extra...)
	args = append(args, targets...)
	r, err := w.run(ctx, "build", args...)
	if err != nil {
		return r, err
	}
	if r.log, err = bazeltest.ReadLog(base + ".execlog.json"); err != nil {
		return r, err
	}
	if r.profile, err = readProfile(base + ".profile.json"); err != nil {
		// The profile is extra information; a missing one is no failure.
		fmt.Fprintf(os.Stderr, "bench: warning: %v\n", err)
	}
	return r, nil
}

// startServer starts the workspace's server (if it is not running) and
// learns its pid, for the CPU accounting. It returns how long that took.
func (w *workspace) startServer(ctx context.Context) (time.Duration, error) {
	start := time.Now()
	pid, err := w.info(ctx, "server_pid")
	if err != nil {
		return 0, err
	}
	if w.pid, err = strconv.Atoi(pid); err != nil {
		return 0, fmt.Errorf("bazel info server_pid: %q", pid)
	}
	return time.Since(start), nil
}

// clockTick is the unit of /proc/PID/stat's times (USER_HZ, 100 on Linux).
const clockTick = 10 * time.Millisecond

// serverCPU reads the server's own CPU time (utime+stime) and that of
// its waited-for children (cutime+cstime) from /proc/PID/stat.
func serverCPU(pid int) (own, children time.Duration, ok bool) {
	if pid <= 0 {
		return 0, 0, false
	}
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, 0, false
	}
	// The command name may hold spaces: fields start after its ')'.
	i := bytes.LastIndexByte(data, ')')
	if i < 0 {
		return 0, 0, false
	}
	f := strings.Fields(string(data[i+1:]))
	if len(f) < 15 {
		return 0, 0, false
	}
	var t [4]int64
	for k := range t {
		if t[k], err = strconv.ParseInt(f[11+k], 10, 64); err != nil {
			return 0, 0, false
		}
	}
	return time.Duration(t[0]+t[1]) * clockTick, time.Duration(t[2]+t[3]) * clockTick, true
}

// info returns `bazel info KEY`.
func (w *workspace) info(ctx context.Context, key string) (string, error) {
	r, err := w.run(ctx, "info", key)
	if err != nil {
		return "", err
	}
	lines := strings.Split(strings.TrimSpace(r.output), "\n")
	return strings.TrimSpace(lines[len(lines)-1]), nil
}

// execroot is the workspace's execution root, where the execution log's
// relative paths point.
func (w *workspace) execroot(ctx context.Context) (string, error) {
	if w.execRoot == "" {
		er, err := w.info(ctx, "execution_root")
		if err != nil {
			return "", err
		}
		w.execRoot = er
	}
	return w.execRoot, nil
}

func (w *workspace) clean(ctx context.Context) error {
	_, err := w.run(ctx, "clean")
	return err
}

// shutdown stops the workspace's server if it has one.
func (w *workspace) shutdown() {
	if !w.started {
		return
	}
	w.started = false
	cmd := exec.Command(w.env.bazel, append(w.startup(), "shutdown")...)
	cmd.Dir = w.dir
	if out, err := cmd.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "bench: bazel shutdown in %s: %v\n%s", w.dir, err, out)
	}
}

// editMarker rewrites the number on the line that ends with the lab's
// edit marker (`delay_mu(int64(N))  # bench:edit`) in a lab file: a body
// edit that changes the module's code and leaves its interface alone.
// Every call writes a number not written before.
func (w *workspace) editMarker(rel string) error {
	path := filepath.Join(w.dir, "lab", filepath.FromSlash(rel))
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	lines := strings.Split(string(data), "\n")
	done := false
	for i, l := range lines {
		if !strings.HasSuffix(l, w.manifest.EditMarker) {
			continue
		}
		open := strings.Index(l, "int64(")
		end := strings.Index(l, "))")
		if open < 0 || end < open {
			return fmt.Errorf("%s:%d: unexpected edit line %q", rel, i+1, l)
		}
		w.env.edits++
		lines[i] = l[:open] + fmt.Sprintf("int64(%d", 10000+w.env.edits) + l[end:]
		done = true
		break
	}
	if !done {
		return fmt.Errorf("%s has no line ending in %q", rel, w.manifest.EditMarker)
	}
	return os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644)
}

// setDataset changes one value of the host experiment's datasets file.
func (w *workspace) setDataset(key string) error {
	h := w.manifest.Host
	values := map[string]string{"detect_mu": "40", "freq": "100000000.0", "n_reps": "2", "t_cool": "5e-06"}
	w.env.edits++
	n := w.env.edits
	switch key {
	case "t_cool":
		// 5 us plus a new number of nanoseconds: a float timing.
		values[key] = fmt.Sprintf("%d.0e-09", 5000+n)
	case "n_reps":
		// A small loop count: 3, 4, ... (2 is the generated value).
		values[key] = strconv.Itoa(2 + n)
	default:
		return fmt.Errorf("no such dataset %q", key)
	}
	path := filepath.Join(w.dir, "lab", filepath.FromSlash(h.Datasets))
	return os.WriteFile(path, []byte(lab.DatasetsJSON(values)), 0o644)
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = append([]string{"..."}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}

// loadAverage is the 1-minute load average (/proc/loadavg), or -1.
func loadAverage() float64 {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return -1
	}
	f := strings.Fields(string(data))
	if len(f) == 0 {
		return -1
	}
	v, err := strconv.ParseFloat(f[0], 64)
	if err != nil {
		return -1
	}
	return v
}
