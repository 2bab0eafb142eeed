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
		fmt.Fprintln(os.Stderr, "usage: kernelc sim [--timeline FILE.csv|FILE.vcd] [--inputs FILE.csv] [--qemu PATH] [--runtime PATH] [--source-root DIR] [--timeout DURATION]\n"+
			"                  [--tables T.json [--host-path DIR]... [--snapshot SNAP [--device-db FILE] [--datasets FILE] [--arg NAME=VALUE]... [--datasets-out FILE]]] DEVICE.elf")
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
	snap := fs.String("snapshot", "", "the snapshot the ELF was linked with: the RPC host builds the experiment (its entry object's class) to answer method RPCs")
	var host hostFlags
	host.register(fs)
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
	if *snap != "" {
		opts.Experiment = host.experiment(*snap)
	} else if host.set() {
		fmt.Fprintln(os.Stderr, "kernelc sim: --device-db, --datasets, --arg and --datasets-out need --snapshot")
		return exitCompile
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

// hostFlags are the inputs of an experiment's host side (the RPC host
// builds the experiment as the snapshot was frozen: simulator.HostExperiment).
type hostFlags struct {
	deviceDB, datasets, datasetsOut string
	args                            pathFlags
}

func (h *hostFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&h.deviceDB, "device-db", "", "with a snapshot: the lab's device_db.py, for the experiment's host side (method RPCs)")
	fs.StringVar(&h.datasets, "datasets", "", "with a snapshot: the datasets the experiment starts with (`FILE`.json or pyon), as for kernelc snapshot")
	fs.Var(&h.args, "arg", "with a snapshot: an experiment argument `NAME=VALUE` (a Python literal), as for kernelc snapshot (repeatable)")
	fs.StringVar(&h.datasetsOut, "datasets-out", "", "with a snapshot: write the datasets the experiment sets (in build() or from kernels) to `FILE` as JSON")
}

func (h *hostFlags) set() bool {
	return h.deviceDB != "" || h.datasets != "" || h.datasetsOut != "" || len(h.args) > 0
}

func (h *hostFlags) experiment(snapshot string) *simulator.HostExperiment {
	return &simulator.HostExperiment{Snapshot: snapshot, DeviceDB: h.deviceDB, Datasets: h.datasets,
		Args: h.args, DatasetsOut: h.datasetsOut}
}

// pathFlags collects a repeated directory flag.
type pathFlags []string

func (p *pathFlags) String() string     { return strings.Join(*p, ":") }
func (p *pathFlags) Set(v string) error { *p = append(*p, v); return nil }
