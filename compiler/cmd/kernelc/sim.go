package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"github.com/rules-artiq/rules_artiq/internal/atomicfile"
	"github.com/rules-artiq/rules_artiq/simulator"
)

func init() {
	register("sim", "run a device ELF in the simulator (qemu-riscv32)", runSim)
}

func runSim(args []string) int {
	fs := flag.NewFlagSet("kernelc sim", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: kernelc sim [--timeline FILE.csv|FILE.vcd] [--inputs FILE.csv] [--qemu PATH] [--runtime PATH] [--source-root DIR] [--timeout DURATION] DEVICE.elf")
		fs.PrintDefaults()
	}
	timeline := fs.String("timeline", "", "write the RTIO timeline to `FILE` (.csv or .vcd; - for CSV on stdout)")
	qemu := fs.String("qemu", "", "qemu-riscv32 to use (default: from PATH)")
	runtime := fs.String("runtime", "", "simulator runtime to use (default: built on demand into the user cache)")
	tables := fs.String("tables", "", "the host tables (JSON) written by the link: RPC services, exception names")
	var hostPath pathFlags
	fs.Var(&hostPath, "host-path", "a `DIR` where the RPC host finds Python modules (repeatable)")
	hostProgram := fs.String("host-program", "", "the Python `FILE` whose functions answer RPCs (default: none)")
	sourceRoot := fs.String("source-root", "", "resolve source files of exception reports against `DIR` (default: working directory)")
	timeout := fs.Duration("timeout", 0, "stop the kernel after this long (0: no limit)")
	inputsPath := fs.String("inputs", "", "RTIO input events the kernel sees: CSV `FILE` time_mu,channel,data (simulator/inputs.go)")
	if err := fs.Parse(args); err != nil {
		return exitCompile
	}
	var inputs []simulator.InputEvent
	if *inputsPath != "" {
		var err error
		if inputs, err = simulator.ReadInputsFile(*inputsPath); err != nil {
			fmt.Fprintln(os.Stderr, "kernelc sim:", err)
			return exitCompile
		}
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitCompile
	}
	format, err := timelineFormat(*timeline)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kernelc sim:", err)
		return exitCompile
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if *timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, *timeout)
		defer cancel()
	}
	var tl bytes.Buffer
	opts := simulator.Options{
		Tables:         *tables,
		HostPath:       hostPath,
		HostProgram:    *hostProgram,
		Runtime:        *runtime,
		Qemu:           *qemu,
		ELF:            fs.Arg(0),
		Stdout:         os.Stdout,
		Stderr:         os.Stderr,
		TimelineFormat: format,
		SourceRoot:     *sourceRoot,
		Inputs:         inputs,
	}
	if *timeline != "" {
		opts.Timeline = &tl
	}
	code, err := simulator.Run(ctx, opts)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kernelc sim:", err)
	}
	if *timeline != "" && (code == simulator.ExitOK || code == simulator.ExitException) {
		if werr := writeTimeline(*timeline, tl.Bytes()); werr != nil {
			fmt.Fprintln(os.Stderr, "kernelc sim:", werr)
			return exitTool
		}
	}
	switch code {
	case simulator.ExitOK:
		return exitOK
	case simulator.ExitException:
		return exitException
	}
	return exitTool
}

// timelineFormat picks the format from the file name's extension.
func timelineFormat(path string) (string, error) {
	if path == "" || path == "-" {
		return "csv", nil
	}
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".csv":
		return "csv", nil
	case ".vcd":
		return "vcd", nil
	default:
		return "", fmt.Errorf("--timeline %s: want a .csv or .vcd file", path)
	}
}

// writeTimeline writes the timeline to path atomically, or to stdout
// (after what the kernel printed) when path is "-".
func writeTimeline(path string, data []byte) error {
	if path == "-" {
		_, err := os.Stdout.Write(data)
		return err
	}
	return atomicfile.Write(path, data, 0o644)
}

// pathFlags collects a repeated directory flag.
type pathFlags []string

func (p *pathFlags) String() string     { return strings.Join(*p, ":") }
func (p *pathFlags) Set(v string) error { *p = append(*p, v); return nil }
