package link

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/rules-artiq/rules_artiq/compiler/object"
	"github.com/rules-artiq/rules_artiq/compiler/target"
	"github.com/rules-artiq/rules_artiq/internal/atomicfile"
	"github.com/rules-artiq/rules_artiq/snapshot"
)

// Options describe one link.
type Options struct {
	// Target is the core-device CPU the archives were compiled for.
	Target *target.Target
	// Entry is the module-qualified kernel function that __modinit__
	// calls, e.g. lib.exp.run; its LLVM type is void().
	Entry string
	// Archives are the kernel module archives (object + manifest).
	Archives []string
	// LLC and LLD are the paths of llc and ld.lld.
	LLC, LLD string
	// Support is an optional archive linked after the kernel archives.
	Support string
	// Out is the device ELF to write.
	Out string
	// Tables is the optional host-side tables (JSON) to write.
	Tables string
	// Timings, when set, receives one "timing <phase> <ms>" line per
	// phase.
	Timings io.Writer
	// Snapshot, when set, makes the entry object also the data object
	// of the snapshot's host objects, and __modinit__ calls Entry (a
	// method) with EntryObject (default: the snapshot's entry object).
	// See data.go.
	Snapshot    *snapshot.Snapshot
	EntryObject string
}

// InputError is a link failure caused by the inputs (a stale or
// mismatched archive, a missing module, an undefined symbol) rather than
// by a tool. Msg may hold several lines, one problem per line.
type InputError struct {
	Msg string
}

func (e *InputError) Error() string { return e.Msg }

// IsInputError reports whether err is an *InputError.
func IsInputError(err error) bool {
	var ie *InputError
	return errors.As(err, &ie)
}

func inputErrorf(format string, args ...any) error {
	return &InputError{Msg: fmt.Sprintf(format, args...)}
}

// inputErrors joins problems, sorted so the message is deterministic.
func inputErrors(msgs []string) error {
	if len(msgs) == 0 {
		return nil
	}
	sort.Strings(msgs)
	return &InputError{Msg: strings.Join(msgs, "\n")}
}

//go:embed kernel.ld
var linkerScript []byte

// LinkerScript returns the linker script that Link passes to ld.lld.
func LinkerScript() []byte { return append([]byte(nil), linkerScript...) }

// Link checks the archives against each other, generates the entry stub,
// links the device ELF with ld.lld and verifies it against what the
// firmware loads. Outputs are renamed into place only when everything
// succeeded; on failure Out and Tables are removed.
func Link(ctx context.Context, o Options) (err error) {
	defer func() {
		if err != nil {
			for _, p := range []string{o.Out, o.Tables} {
				if p != "" {
					os.Remove(p)
				}
			}
		}
	}()
	if err := o.validate(); err != nil {
		return err
	}
	clock := newClock(o.Timings)

	// link-check: everything that can be said from the inputs alone.
	in, err := load(o)
	if err != nil {
		return err
	}
	if err := checkManifests(o.Target, in.kernels); err != nil {
		return err
	}
	if err := checkEntry(o.Entry, in); err != nil {
		return err
	}
	if err := addHostSymbols(o, in); err != nil {
		return err
	}
	if err := checkUndefined(in); err != nil {
		return err
	}
	clock.phase("link-check")

	// link-stub: the generated entry object and the linker script, in a
	// private directory next to the output so the final rename stays on
	// one file system.
	tmp, err := os.MkdirTemp(filepath.Dir(o.Out), ".kernelld-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	stubObj := filepath.Join(tmp, "modinit.o")
	ir, err := entryObjectIR(o, in) // data.go
	if err != nil {
		return err
	}
	if err := object.RunLLC(ctx, o.LLC, o.Target, ir, stubObj); err != nil {
		return err
	}
	script := filepath.Join(tmp, "kernel.ld")
	if err := os.WriteFile(script, linkerScript, 0o644); err != nil {
		return err
	}
	clock.phase("link-stub")

	// link-lld
	elfTmp := filepath.Join(tmp, "out.elf")
	if err := runTool(ctx, o.LLD, LLDArgs(o.Target, script, elfTmp, stubObj, in.linkOrder(), o.Support)); err != nil {
		return err
	}
	clock.phase("link-lld")

	// link-verify
	data, err := os.ReadFile(elfTmp)
	if err != nil {
		return err
	}
	if err := verify(data, o.Target, in); err != nil {
		return err
	}
	var tablesData []byte
	if o.Tables != "" {
		if tablesData, err = hostTables(o, in); err != nil {
			return err
		}
	}
	if err := os.Rename(elfTmp, o.Out); err != nil {
		return err
	}
	if o.Tables != "" {
		if err := atomicfile.Write(o.Tables, tablesData, 0o644); err != nil {
			return err
		}
	}
	clock.phase("link-verify")
	return nil
}

func (o *Options) validate() error {
	var missing []string
	if o.Target == nil {
		missing = append(missing, "target")
	}
	if o.Entry == "" {
		missing = append(missing, "entry")
	}
	if o.LLC == "" {
		missing = append(missing, "llc")
	}
	if o.LLD == "" {
		missing = append(missing, "lld")
	}
	if o.Out == "" {
		missing = append(missing, "output")
	}
	if len(missing) > 0 {
		return inputErrorf("missing %s", strings.Join(missing, ", "))
	}
	if len(o.Archives) == 0 {
		return inputErrorf("no archives to link")
	}
	if o.Tables != "" && filepath.Clean(o.Tables) == filepath.Clean(o.Out) {
		return inputErrorf("the tables and the ELF must be different files")
	}
	return nil
}

// LLDArgs is the ld.lld command line (without the tool) that Link runs.
func LLDArgs(t *target.Target, script, out, stub string, archives []string, support string) []string {
	args := []string{"-shared", "--eh-frame-hdr", "-x", "--hash-style=sysv"}
	if t.Machine == emARM {
		// lld writes REL for ARM by default; the firmware applies RELA.
		args = append(args, "-z", "rela")
	}
	args = append(args, "-T", script, "-o", out, stub)
	args = append(args, archives...)
	if support != "" {
		args = append(args, support)
	}
	return args
}

// clock measures the time spent in each phase.
type clock struct {
	w    io.Writer
	last time.Time
}

func newClock(w io.Writer) *clock { return &clock{w: w, last: time.Now()} }

func (c *clock) phase(name string) {
	now := time.Now()
	if c.w != nil {
		fmt.Fprintf(c.w, "timing %s %.3f\n", name, float64(now.Sub(c.last).Microseconds())/1000)
	}
	c.last = now
}

// runTool runs ld.lld (or another tool) and reports a failure as an
// *object.ToolError with the tool's stderr.
func runTool(ctx context.Context, tool string, args []string) error {
	cmd := exec.CommandContext(ctx, tool, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return &object.ToolError{Tool: tool, Stderr: stderr.String(), Err: err}
	}
	return nil
}
