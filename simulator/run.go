package simulator

import (
	"bytes"
	"context"
	"debug/elf"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
)

// Exit statuses of Run (docs/design.md).
const (
	ExitOK        = 0
	ExitException = 1 // uncaught exception or failed assert
	ExitFailure   = 3 // load failure, runtime failure or a crash
)

// Options configure one simulation.
type Options struct {
	// Runtime is the runtime executable; "" picks DefaultRuntimeFor the
	// ELF's target (from its e_flags).
	Runtime string
	// Qemu is qemu-riscv32; "" looks it up in PATH.
	Qemu string
	// ELF is the device ELF to run.
	ELF string

	Stdout io.Writer // what the kernel prints; nil discards
	Stderr io.Writer // runtime messages and the exception report; nil discards

	// Timeline, when set, receives the RTIO timeline in TimelineFormat
	// ("csv", the default, or "vcd"), also when the kernel raised.
	Timeline       io.Writer
	TimelineFormat string

	// Source reads the files that exception reports point into; nil reads
	// them relative to SourceRoot ("" = the working directory).
	Source     SourceFunc
	SourceRoot string
	// ExceptionNames names the ids that are not builtin (from the linker's
	// tables).
	ExceptionNames map[uint32]string

	// Events, when set, receives the decoded timeline.
	Events *[]Event
	// Exception, when set, receives the uncaught exception, if any.
	Exception **Exception

	// RPCs (see rpc.go): Tables is the linker's host tables (kernelld
	// --tables), whose services the RPC host answers; without it an RPC
	// stops the run. HostProgram is the standalone program (kernelc run
	// FILE.py) that defines the host functions, as module HostModule (""
	// = its base name); HostPath are the import roots of other modules
	// with host functions. Python is the interpreter ("" = python3 on PATH).
	Tables      string
	HostProgram string
	HostModule  string
	HostPath    []string
	Python      string
	// Experiment is the host side of an experiment (a snapshot's kernel),
	// whose objects' methods the kernel calls; nil for a program that
	// calls only host functions.
	Experiment *HostExperiment

	// Inputs are the RTIO input events the kernel sees (inputs.go); none:
	// every input wait times out.
	Inputs []InputEvent
}

// Run runs a device ELF under qemu and returns the exit status: ExitOK,
// ExitException (the report is on Stderr) or ExitFailure. err is non-nil
// when there is something to tell beyond what the runtime already printed
// on Stderr (a missing tool, a crash, an unreadable record); callers print
// it and exit with the status.
func Run(ctx context.Context, o Options) (int, error) {
	if o.Stdout == nil {
		o.Stdout = io.Discard
	}
	if o.Stderr == nil {
		o.Stderr = io.Discard
	}
	switch o.TimelineFormat {
	case "", "csv", "vcd":
	default:
		return ExitFailure, fmt.Errorf("unknown timeline format %q (want csv or vcd)", o.TimelineFormat)
	}
	elfPath, err := filepath.Abs(o.ELF)
	if err != nil {
		return ExitFailure, err
	}
	runtime := o.Runtime
	if runtime == "" {
		target, err := ELFTarget(elfPath)
		if err != nil {
			return ExitFailure, err
		}
		if runtime, err = DefaultRuntimeFor(ctx, target); err != nil {
			return ExitFailure, err
		}
	}
	if runtime, err = filepath.Abs(runtime); err != nil {
		return ExitFailure, err
	}
	// qemu reports a missing program with status 1, which would read as
	// an exception: check first.
	if st, err := os.Stat(runtime); err != nil || !st.Mode().IsRegular() {
		return ExitFailure, fmt.Errorf("simulator runtime %s is missing", o.Runtime)
	}
	qemu := o.Qemu
	if qemu == "" {
		qemu = "qemu-riscv32"
	}
	if qemu, err = toolPath(qemu, "qemu-riscv32"); err != nil {
		return ExitFailure, fmt.Errorf("qemu-riscv32 not found: %v", err)
	}

	// The run happens in a scratch directory: qemu may leave a core file
	// there when the guest crashes.
	work, err := os.MkdirTemp("", "kernelsim-")
	if err != nil {
		return ExitFailure, err
	}
	defer os.RemoveAll(work)
	timeline, err := os.Create(filepath.Join(work, "timeline.bin"))
	if err != nil {
		return ExitFailure, err
	}
	defer timeline.Close()
	exnFile, err := os.Create(filepath.Join(work, "exception.txt"))
	if err != nil {
		return ExitFailure, err
	}
	defer exnFile.Close()

	host, err := startRPCHost(ctx, &o, elfPath, work) // nil without RPCs
	if err != nil {
		return ExitFailure, err
	}

	cmd := exec.CommandContext(ctx, qemu, runtime, elfPath)
	cmd.Dir = work
	cmd.Env = []string{} // nothing from the host may change the run
	cmd.Stdout = o.Stdout
	cmd.Stderr = o.Stderr
	cmd.ExtraFiles = []*os.File{timeline, exnFile} // fd 3, fd 4
	if host != nil {
		host.attach(cmd) // fd 5, fd 6 and the shared stdout
	}
	if len(o.Inputs) > 0 { // fd 7 (inputs.go)
		in := filepath.Join(work, "inputs.bin")
		if err := os.WriteFile(in, encodeInputs(o.Inputs), 0o644); err != nil {
			return ExitFailure, err
		}
		f, err := os.Open(in)
		if err != nil {
			return ExitFailure, err
		}
		defer f.Close()
		for len(cmd.ExtraFiles) < 4 {
			cmd.ExtraFiles = append(cmd.ExtraFiles, nil)
		}
		cmd.ExtraFiles = append(cmd.ExtraFiles, f)
	}
	runErr := cmd.Run()
	if host != nil {
		names, err := host.wait()
		if err != nil {
			return ExitFailure, err
		}
		o.ExceptionNames = mergeNames(o.ExceptionNames, names)
	}

	status := 0
	if runErr != nil {
		var ee *exec.ExitError
		if !errors.As(runErr, &ee) {
			return ExitFailure, fmt.Errorf("running %s: %v", filepath.Base(qemu), runErr)
		}
		if ctx.Err() != nil {
			return ExitFailure, fmt.Errorf("simulation stopped: %v", ctx.Err())
		}
		ws, ok := ee.Sys().(syscall.WaitStatus)
		if ok && ws.Signaled() {
			return ExitFailure, fmt.Errorf("simulator crashed: %v (the kernel or the runtime faulted)", ws.Signal())
		}
		status = ee.ExitCode()
	}

	switch status {
	case ExitOK, ExitException:
	case ExitFailure:
		return ExitFailure, nil // the runtime explained on stderr
	default:
		return ExitFailure, fmt.Errorf("simulator runtime exited with unexpected status %d", status)
	}

	if o.Timeline != nil || o.Events != nil {
		if _, err := timeline.Seek(0, io.SeekStart); err != nil {
			return ExitFailure, err
		}
		events, err := ReadTimeline(timeline)
		if err != nil {
			return ExitFailure, err
		}
		if o.Events != nil {
			*o.Events = events
		}
		if o.Timeline != nil {
			if err := WriteTimeline(o.Timeline, o.TimelineFormat, events); err != nil {
				return ExitFailure, err
			}
		}
	}

	if status == ExitException {
		data, err := os.ReadFile(exnFile.Name())
		if err != nil {
			return ExitFailure, err
		}
		if len(bytes.TrimSpace(data)) == 0 {
			return ExitFailure, fmt.Errorf("simulator runtime exited with status 1 but reported no exception")
		}
		exn, err := ParseException(data)
		if err != nil {
			return ExitFailure, err
		}
		if o.Exception != nil {
			*o.Exception = exn
		}
		src := o.Source
		if src == nil {
			src = SourceFromDir(o.SourceRoot)
		}
		if err := WriteReport(o.Stderr, exn, o.ExceptionNames, src); err != nil {
			return ExitFailure, err
		}
		return ExitException, nil
	}
	return ExitOK, nil
}

// ELFTarget names the runtime target that can load the device ELF at path,
// from its machine and e_flags.
func ELFTarget(path string) (string, error) {
	f, err := elf.Open(path)
	if err != nil {
		return "", fmt.Errorf("%s: %v", path, err)
	}
	defer f.Close()
	if f.Class != elf.ELFCLASS32 || f.Machine != elf.EM_RISCV {
		return "", fmt.Errorf("%s: not a 32-bit RISC-V ELF; the simulator runs rv32 device binaries only", path)
	}
	// e_flags is not in elf.FileHeader; it sits at offset 36 of a 32-bit header.
	var hdr [40]byte
	r, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer r.Close()
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return "", err
	}
	flags := f.ByteOrder.Uint32(hdr[36:])
	for name, rt := range runtimeTargets {
		if rt.elfFlags == flags {
			return name, nil
		}
	}
	return "", fmt.Errorf("%s: e_flags 0x%x matches no simulator runtime", path, flags)
}
