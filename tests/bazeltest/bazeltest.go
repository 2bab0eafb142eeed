// Package bazeltest runs a real Bazel on copies of this repository, for
// integration tests that check what Bazel did: it makes temporary
// workspaces from the checkout's files (copied, never linked), runs bazel
// in them with an output user root of the test's own (shared by the
// workspaces of one Env, so that each workspace has its own output base
// and server but the servers, the external repositories and the logs live
// under one temporary directory), writes an execution log for every build
// and parses it (execlog.go), and shuts every server down when the test
// ends.
//
// A test starts with Require (skip or fail when bazel is missing), then
// NewEnv and Env.Workspace. See tests/reuse for the scenarios that use it
// and docs/reuse.md for what they prove.
package bazeltest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Require returns the path of the bazel command. Without one on PATH it
// skips the test, unless the environment variable CI is set (CI=true, as
// CI services set it): a CI machine without bazel fails the test instead.
func Require(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("bazel")
	if err == nil {
		return path
	}
	if ci, set := os.LookupEnv("CI"); set {
		t.Fatalf("bazel is not on PATH and CI=%q is set: install it (tools/setup.sh)", ci)
	}
	t.Skip("bazel is not on PATH (and CI is unset): skipping the Bazel integration test")
	return ""
}

// Options configure an Env.
type Options struct {
	// MaxIdleSecs is passed as --max_idle_secs to every server, so that a
	// server the test could not shut down (the test binary was killed)
	// exits by itself. Default 600: long enough that a workspace's server
	// outlives an uncached build in another workspace on a busy machine.
	MaxIdleSecs int
	// Untracked also copies the untracked files that .gitignore does not
	// exclude (see RepoFiles).
	Untracked bool
	// StartupFlags are added after the Env's own startup flags.
	StartupFlags []string
}

// Env is one test run's temporary directory: the workspaces, the output
// user root that their Bazel servers share, and the execution logs.
type Env struct {
	Bazel string
	// Repo is the checkout the workspaces are copied from.
	Repo string
	// Root holds everything below; OutputUserRoot is Root/bazel.
	Root           string
	OutputUserRoot string
	opts           Options
	files          []string
	keep           bool

	mu         sync.Mutex
	workspaces []*Workspace
	logs       int
}

// NewEnv makes the temporary directory of a test run and lists the files
// of the checkout that holds the current directory. When the test ends it
// shuts down every server it started and removes the directory, unless
// the environment variable BAZELTEST_KEEP is set (then it logs where the
// directory is).
func NewEnv(t *testing.T, bazel string, opts Options) *Env {
	t.Helper()
	if opts.MaxIdleSecs == 0 {
		opts.MaxIdleSecs = 600
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	repo, err := RepoRoot(wd)
	if err != nil {
		t.Fatal(err)
	}
	files, err := RepoFiles(repo, opts.Untracked)
	if err != nil {
		t.Fatal(err)
	}
	root, err := os.MkdirTemp("", "bazeltest-")
	if err != nil {
		t.Fatal(err)
	}
	// Bazel and the sandbox resolve symbolic links (a /tmp that is a link
	// would otherwise give two spellings of one path).
	if r, err := filepath.EvalSymlinks(root); err == nil {
		root = r
	}
	e := &Env{
		Bazel:          bazel,
		Repo:           repo,
		Root:           root,
		OutputUserRoot: filepath.Join(root, "bazel"),
		opts:           opts,
		files:          files,
		keep:           os.Getenv("BAZELTEST_KEEP") != "",
	}
	t.Cleanup(func() { e.cleanup(t) })
	return e
}

func (e *Env) cleanup(t *testing.T) {
	e.mu.Lock()
	ws := append([]*Workspace(nil), e.workspaces...)
	e.mu.Unlock()
	for _, w := range ws {
		w.Shutdown(t)
	}
	if e.keep {
		t.Logf("BAZELTEST_KEEP: kept %s", e.Root)
		return
	}
	if err := RemoveAll(e.Root); err != nil {
		t.Errorf("removing %s: %v", e.Root, err)
	}
}

// RemoveAll removes dir like os.RemoveAll, after making every directory
// below it writable: Bazel leaves read-only directories in its output
// trees.
func RemoveAll(dir string) error {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			os.Chmod(p, 0o755)
		}
		return nil
	})
	return os.RemoveAll(dir)
}

// Files lists the files every workspace starts with, relative to Repo.
func (e *Env) Files() []string { return append([]string(nil), e.files...) }

// Workspace copies the checkout to Root/name, a new absolute path, and
// returns it. Each workspace has its own output base, so its own Bazel
// server, action cache and external repositories.
func (e *Env) Workspace(t *testing.T, name string) *Workspace {
	t.Helper()
	dir := filepath.Join(e.Root, name)
	if _, err := os.Stat(dir); err == nil {
		t.Fatalf("workspace %s exists", dir)
	}
	if err := CopyFiles(e.Repo, dir, e.files); err != nil {
		t.Fatal(err)
	}
	w := &Workspace{Env: e, Name: name, Dir: dir}
	e.mu.Lock()
	e.workspaces = append(e.workspaces, w)
	e.mu.Unlock()
	return w
}

func (e *Env) logPath(name string) string {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.logs++
	return filepath.Join(e.Root, "logs", fmt.Sprintf("%03d-%s.json", e.logs, name))
}

// Workspace is one copy of the checkout.
type Workspace struct {
	Env  *Env
	Name string
	// Dir is the workspace's absolute path.
	Dir string

	mu         sync.Mutex
	started    bool
	outputBase string
	execRoot   string
	pristine   map[string]*string
}

// Result is one bazel invocation.
type Result struct {
	Command string
	Args    []string
	// Output is what bazel wrote on stdout and stderr.
	Output  string
	Elapsed time.Duration
	// Log is the parsed execution log of a build or test; nil for other
	// commands.
	Log *Log
	// LogFile is the execution log's path.
	LogFile string
	// Processes is Bazel's own count of the actions (`INFO: N processes:
	// ...`), when it printed one.
	Processes    ProcessSummary
	HasProcesses bool
}

// Summary summarizes the execution log.
func (r *Result) Summary() Summary {
	if r.Log == nil {
		return Summary{}
	}
	return r.Log.Summarize()
}

func (w *Workspace) startup() []string {
	flags := []string{
		"--output_user_root=" + w.Env.OutputUserRoot,
		fmt.Sprintf("--max_idle_secs=%d", w.Env.opts.MaxIdleSecs),
		// A developer's ~/.bazelrc (a remote cache, say) must not change
		// what the test sees. The system bazelrc stays: Debian's sets the
		// install base.
		"--nohome_rc",
	}
	return append(flags, w.Env.opts.StartupFlags...)
}

// Bazel runs `bazel STARTUP... command args...` in the workspace and
// returns its output; err is non-nil when bazel failed. For build, test,
// run, coverage and cquery... callers want Build or Test, which add an
// execution log.
func (w *Workspace) Bazel(t *testing.T, command string, args ...string) (*Result, error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if dl, ok := t.Deadline(); ok {
		// Leave time for the cleanup to shut the servers down.
		ctx, cancel = context.WithDeadline(ctx, dl.Add(-30*time.Second))
		defer cancel()
	}
	argv := append(w.startup(), command)
	argv = append(argv, args...)
	cmd := exec.CommandContext(ctx, w.Env.Bazel, argv...)
	cmd.Dir = w.Dir
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGINT) }
	cmd.WaitDelay = 20 * time.Second
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	w.mu.Lock()
	w.started = true
	w.mu.Unlock()
	start := time.Now()
	err := cmd.Run()
	r := &Result{Command: command, Args: args, Output: out.String(), Elapsed: time.Since(start)}
	r.Processes, r.HasProcesses = ParseProcessSummary(r.Output)
	if err != nil {
		if ctx.Err() != nil {
			err = fmt.Errorf("%v (%v)", err, ctx.Err())
		}
		return r, fmt.Errorf("bazel %s %s in %s: %v", command, strings.Join(args, " "), w.Dir, err)
	}
	return r, nil
}

// Build runs `bazel build --execution_log_json_file=LOG args...` and
// parses the log. A failed build fails the test, with bazel's output.
func (w *Workspace) Build(t *testing.T, args ...string) *Result {
	t.Helper()
	return w.logged(t, "build", args)
}

// Test runs `bazel test --execution_log_json_file=LOG args...` and
// parses the log. A failed build or test fails the test.
func (w *Workspace) Test(t *testing.T, args ...string) *Result {
	t.Helper()
	return w.logged(t, "test", args)
}

func (w *Workspace) logged(t *testing.T, command string, args []string) *Result {
	t.Helper()
	logFile := w.Env.logPath(w.Name + "-" + command)
	if err := os.MkdirAll(filepath.Dir(logFile), 0o755); err != nil {
		t.Fatal(err)
	}
	full := append([]string{"--color=no", "--curses=no", "--execution_log_json_file=" + logFile}, args...)
	r, err := w.Bazel(t, command, full...)
	if err != nil {
		t.Fatalf("%v\n%s", err, tail(r.Output, 60))
	}
	r.LogFile = logFile
	r.Log, err = ReadLog(logFile)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = append([]string{"..."}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}

// Clean runs `bazel clean`: the outputs and the local action cache go, the
// external repositories stay.
func (w *Workspace) Clean(t *testing.T) {
	t.Helper()
	if r, err := w.Bazel(t, "clean"); err != nil {
		t.Fatalf("%v\n%s", err, tail(r.Output, 30))
	}
}

// Shutdown stops the workspace's server, if the test started one.
func (w *Workspace) Shutdown(t *testing.T) {
	w.mu.Lock()
	started := w.started
	w.started = false
	w.mu.Unlock()
	if !started {
		return
	}
	cmd := exec.Command(w.Env.Bazel, append(w.startup(), "shutdown")...)
	cmd.Dir = w.Dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Logf("bazel shutdown in %s: %v\n%s", w.Dir, err, out)
	}
}

// Info returns `bazel info KEY`.
func (w *Workspace) Info(t *testing.T, key string) string {
	t.Helper()
	r, err := w.Bazel(t, "info", key)
	if err != nil {
		t.Fatalf("%v\n%s", err, tail(r.Output, 30))
	}
	// bazel info prints the value on stdout and INFO lines on stderr;
	// both are in Output: the value is the last line.
	lines := strings.Split(strings.TrimSpace(r.Output), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// OutputBase returns the workspace's output base (absolute).
func (w *Workspace) OutputBase(t *testing.T) string {
	t.Helper()
	w.mu.Lock()
	ob := w.outputBase
	w.mu.Unlock()
	if ob == "" {
		ob = w.Info(t, "output_base")
		w.mu.Lock()
		w.outputBase = ob
		w.mu.Unlock()
	}
	return ob
}

// ExecRoot returns the workspace's execution root (absolute), the
// directory that execution-log paths are relative to.
func (w *Workspace) ExecRoot(t *testing.T) string {
	t.Helper()
	w.mu.Lock()
	er := w.execRoot
	w.mu.Unlock()
	if er == "" {
		er = w.Info(t, "execution_root")
		w.mu.Lock()
		w.execRoot = er
		w.mu.Unlock()
	}
	return er
}

// ReadOutput reads a file by its execroot-relative path (as the execution
// log names it).
func (w *Workspace) ReadOutput(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(w.ExecRoot(t), filepath.FromSlash(path)))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// OutputDigest returns the hex SHA-256 of an execroot-relative file, the
// digest Bazel's execution log records.
func (w *Workspace) OutputDigest(t *testing.T, path string) string {
	t.Helper()
	sum := sha256.Sum256(w.ReadOutput(t, path))
	return hex.EncodeToString(sum[:])
}

// ReadFile reads a source file of the workspace (slash path relative to
// Dir).
func (w *Workspace) ReadFile(t *testing.T, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(w.Dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// WriteFile replaces a source file of the workspace.
func (w *Workspace) WriteFile(t *testing.T, rel, content string) {
	t.Helper()
	path := filepath.Join(w.Dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Edit rewrites a source file of the workspace with edit(old content).
// The first Edit of a file remembers its content for Restore.
func (w *Workspace) Edit(t *testing.T, rel string, edit func(string) string) {
	t.Helper()
	old := w.ReadFile(t, rel)
	w.remember(rel, &old)
	updated := edit(old)
	if updated == old {
		t.Fatalf("editing %s changed nothing", rel)
	}
	w.WriteFile(t, rel, updated)
}

// Add creates a source file that the workspace does not have; Restore
// removes it.
func (w *Workspace) Add(t *testing.T, rel, content string) {
	t.Helper()
	if _, err := os.Lstat(filepath.Join(w.Dir, filepath.FromSlash(rel))); err == nil {
		t.Fatalf("%s exists in %s", rel, w.Dir)
	}
	w.remember(rel, nil)
	w.WriteFile(t, rel, content)
}

// remember records the content a file had before the first Edit or Add
// (nil: none).
func (w *Workspace) remember(rel string, content *string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.pristine == nil {
		w.pristine = map[string]*string{}
	}
	if _, ok := w.pristine[rel]; !ok {
		w.pristine[rel] = content
	}
}

// Restore puts every file that Edit changed back as it was before the
// first Edit, and removes the files that Add created.
func (w *Workspace) Restore(t *testing.T) {
	t.Helper()
	w.mu.Lock()
	saved := w.pristine
	w.pristine = nil
	w.mu.Unlock()
	for rel, content := range saved {
		if content == nil {
			if err := os.Remove(filepath.Join(w.Dir, filepath.FromSlash(rel))); err != nil {
				t.Fatal(err)
			}
			continue
		}
		w.WriteFile(t, rel, *content)
	}
}
