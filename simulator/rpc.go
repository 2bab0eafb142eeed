package simulator

import (
	"bufio"
	"bytes"
	"context"
	"debug/elf"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

// RPCs
//
// A kernel's RPCs are answered by a real host side: a Python process
// (host/host.py, embedded here) that loads the program's host functions
// and runs them as ARTIQ's host does. It is started only for ELFs that
// import rpc_send or rpc_send_async, so other runs do not pay for Python.
//
// Descriptors: the runtime writes requests on its fd 5, which is the
// host's stdin, and reads replies on its fd 6, which is the host's fd 3;
// the host's fd 4 is a file of "ID NAME" lines naming the exceptions it
// raised into the kernel, which the report of an uncaught one uses. Both
// processes share one stdout (the same file, or one pipe that Run copies
// to Options.Stdout), so what they print interleaves in the order it was
// printed. The record formats are in runtime/rpc.c.

//go:embed host/host.py
var hostScript []byte

// HostScript returns the RPC host's Python source.
func HostScript() []byte { return append([]byte(nil), hostScript...) }

// rpcImports are the firmware functions whose import means the kernel
// makes RPCs.
var rpcImports = map[string]bool{"rpc_send": true, "rpc_send_async": true}

// MakesRPCs reports whether the device ELF at path imports the firmware's
// RPC functions.
func MakesRPCs(path string) (bool, error) {
	f, err := elf.Open(path)
	if err != nil {
		return false, fmt.Errorf("%s: %v", path, err)
	}
	defer f.Close()
	syms, err := f.DynamicSymbols()
	if err != nil && !errors.Is(err, elf.ErrNoSymbols) {
		return false, fmt.Errorf("%s: %v", path, err)
	}
	for _, s := range syms {
		if s.Section == elf.SHN_UNDEF && rpcImports[s.Name] {
			return true, nil
		}
	}
	return false, nil
}

// rpcHost is the running host process of one simulation.
type rpcHost struct {
	cmd *exec.Cmd
	// reqW and repR are the runtime's fd 5 and fd 6.
	reqW, repR *os.File
	// stdout is what both processes write to.
	stdout io.Writer
	// outW is the write end of the shared stdout pipe, when Run copies it
	// (copied reports the end of the copy).
	outW   *os.File
	copied chan error
	names  *os.File
	stderr *captureTail
}

// HostExperiment is what the RPC host needs to run an experiment's host
// side as ARTIQ does (host/host.py, "Experiments"): the snapshot of its
// kernel (the entry object's class is the experiment), and the inputs the
// snapshot was frozen from, so that the host runs the same build().
type HostExperiment struct {
	Snapshot string   // the snapshot file
	DeviceDB string   // device_db.py ("": devices only from the snapshot)
	Datasets string   // the datasets the experiment starts with (.json or pyon), or ""
	Args     []string // experiment arguments, NAME=VALUE (a Python literal)
	// DatasetsOut, when set, receives the datasets the experiment set
	// (in build() or from its kernels) as JSON, sorted by key, when the
	// kernel ends.
	DatasetsOut string
}

// startRPCHost starts the host for a run of elfPath, or returns nil when
// the ELF makes no RPCs (and no datasets are to be written) or no tables
// were given (the runtime then stops at the first RPC, saying that no
// host is attached).
func startRPCHost(ctx context.Context, o *Options, elfPath, work string) (*rpcHost, error) {
	if o.Tables == "" {
		return nil, nil
	}
	// An unreadable ELF is the runtime's to report, as the firmware would.
	rpc, err := MakesRPCs(elfPath)
	if err != nil {
		return nil, nil
	}
	if !rpc && (o.Experiment == nil || o.Experiment.DatasetsOut == "") {
		return nil, nil
	}
	python := o.Python
	if python == "" {
		python = "python3"
	}
	python, err = toolPath(python, "python3")
	if err != nil {
		return nil, fmt.Errorf("the kernel makes RPCs, which need python3 for the host side: %v", err)
	}
	script := filepath.Join(work, "rpc_host.py")
	if err := os.WriteFile(script, hostScript, 0o644); err != nil {
		return nil, err
	}
	tables, err := filepath.Abs(o.Tables)
	if err != nil {
		return nil, err
	}
	args := []string{"-B", "-s", "-u", script, "--tables", tables}
	if o.HostProgram != "" {
		prog, err := filepath.Abs(o.HostProgram)
		if err != nil {
			return nil, err
		}
		module := o.HostModule
		if module == "" {
			module = strings.TrimSuffix(filepath.Base(o.HostProgram), ".py")
		}
		args = append(args, "--program", prog, "--display", o.HostProgram, "--module", module)
	}
	for _, p := range o.HostPath {
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, err
		}
		args = append(args, "--path", abs)
	}
	if x := o.Experiment; x != nil {
		for _, f := range []struct{ flag, path string }{
			{"--snapshot", x.Snapshot}, {"--device-db", x.DeviceDB},
			{"--datasets", x.Datasets}, {"--datasets-out", x.DatasetsOut},
		} {
			if f.path == "" {
				continue
			}
			abs, err := filepath.Abs(f.path)
			if err != nil {
				return nil, err
			}
			args = append(args, f.flag, abs)
		}
		for _, a := range x.Args {
			args = append(args, "--arg", a)
		}
	}

	h := &rpcHost{}
	ok := false
	var toClose []*os.File // the host's ends, closed in this process once it runs
	defer func() {
		for _, f := range toClose {
			f.Close()
		}
		if !ok {
			h.closeRuntimeEnds()
			if h.outW != nil {
				h.outW.Close()
			}
			if h.names != nil {
				h.names.Close()
			}
		}
	}()
	reqR, reqW, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	h.reqW = reqW
	toClose = append(toClose, reqR)
	repR, repW, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	h.repR = repR
	toClose = append(toClose, repW)
	if h.names, err = os.Create(filepath.Join(work, "rpc_names.txt")); err != nil {
		return nil, err
	}

	// One stdout for both processes.
	if f, isFile := o.Stdout.(*os.File); isFile {
		h.stdout = f
	} else {
		outR, outW, err := os.Pipe()
		if err != nil {
			return nil, err
		}
		h.outW = outW
		h.stdout = outW
		h.copied = make(chan error, 1)
		go func(w io.Writer) {
			_, err := io.Copy(w, outR)
			outR.Close()
			h.copied <- err
		}(o.Stdout)
	}

	cmd := exec.CommandContext(ctx, python, args...)
	cmd.Env = hostEnv()
	cmd.Stdin = reqR
	cmd.Stdout = h.stdout
	if _, isFile := o.Stderr.(*os.File); !isFile {
		// The runtime and the host write it from two copying goroutines.
		o.Stderr = &lockedWriter{w: o.Stderr}
	}
	h.stderr = &captureTail{w: o.Stderr}
	cmd.Stderr = h.stderr
	cmd.ExtraFiles = []*os.File{repW, h.names} // fd 3, fd 4
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting the RPC host (%s): %v", python, err)
	}
	h.cmd = cmd
	ok = true
	return h, nil
}

// hostEnv is the host's environment: the user's (host functions are the
// user's Python code), with Python's behaviour pinned.
func hostEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "PYTHONHASHSEED", "PYTHONUTF8", "PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED",
			"PYTHONSTARTUP", "PYTHONINSPECT":
			continue
		}
		env = append(env, kv)
	}
	return append(env, "PYTHONHASHSEED=0", "PYTHONUTF8=1", "PYTHONDONTWRITEBYTECODE=1", "PYTHONUNBUFFERED=1")
}

// attach gives the runtime its RPC descriptors (fd 5 and fd 6) and the
// shared stdout.
func (h *rpcHost) attach(cmd *exec.Cmd) {
	for len(cmd.ExtraFiles) < 2 {
		cmd.ExtraFiles = append(cmd.ExtraFiles, nil)
	}
	cmd.ExtraFiles = append(cmd.ExtraFiles[:2], h.reqW, h.repR)
	cmd.Stdout = h.stdout
}

func (h *rpcHost) closeRuntimeEnds() {
	if h.reqW != nil {
		h.reqW.Close()
		h.reqW = nil
	}
	if h.repR != nil {
		h.repR.Close()
		h.repR = nil
	}
}

// wait runs once the runtime has exited: the host sees the end of the
// requests and exits. It returns the exception names the host reported.
func (h *rpcHost) wait() (map[uint32]string, error) {
	h.closeRuntimeEnds()
	err := h.cmd.Wait()
	if h.outW != nil {
		h.outW.Close()
		if cerr := <-h.copied; cerr != nil && err == nil {
			err = cerr
		}
	}
	names := readNames(h.names)
	h.names.Close()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
				return names, fmt.Errorf("the RPC host (python3) was killed: %v", ws.Signal())
			}
			return names, fmt.Errorf("the RPC host (python3) failed with exit status %d%s", ee.ExitCode(), h.stderr.hint())
		}
		return names, fmt.Errorf("the RPC host (python3): %v", err)
	}
	return names, nil
}

func readNames(f *os.File) map[uint32]string {
	names := map[uint32]string{}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return names
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		id, name, ok := strings.Cut(sc.Text(), " ")
		if !ok {
			continue
		}
		v, err := strconv.ParseUint(id, 10, 32)
		if err == nil && name != "" {
			names[uint32(v)] = name
		}
	}
	return names
}

// lockedWriter serializes writes from several goroutines.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// captureTail passes the host's stderr through and remembers whether it
// said anything, so that a failure can point at it.
type captureTail struct {
	w    io.Writer
	said bool
}

func (c *captureTail) Write(p []byte) (int, error) {
	if len(bytes.TrimSpace(p)) > 0 {
		c.said = true
	}
	if c.w == nil {
		return len(p), nil
	}
	return c.w.Write(p)
}

func (c *captureTail) hint() string {
	if c.said {
		return " (see its messages above)"
	}
	return ""
}

// mergeNames adds the host's exception names to the caller's.
func mergeNames(base, extra map[uint32]string) map[uint32]string {
	if len(extra) == 0 {
		return base
	}
	out := map[uint32]string{}
	for id, n := range extra {
		out[id] = n
	}
	for id, n := range base {
		out[id] = n
	}
	return out
}
