package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/rules-artiq/rules_artiq/compiler/driver"
	"github.com/rules-artiq/rules_artiq/compiler/object"
	"github.com/rules-artiq/rules_artiq/compiler/target"
	"github.com/rules-artiq/rules_artiq/linker/link"
	"github.com/rules-artiq/rules_artiq/simulator"
)

func init() {
	register("run", "compile a standalone kernel program, link it and run it in the simulator", runRun)
}

// findTool returns the first of names found on PATH (LLVM 14's tools carry
// a version suffix on Debian), or the first name so the error names it.
func findTool(names ...string) string {
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	return names[0]
}

func runRun(args []string) int {
	fs := flag.NewFlagSet("kernelc run", flag.ContinueOnError)
	tgt := fs.String("target", target.Default, "core-device target")
	timeline := fs.String("timeline", "", "write the RTIO timeline to FILE (CSV, or VCD when FILE ends in .vcd; - for CSV on stdout)")
	timings := fs.Bool("timings", false, "print `timing <phase> <ms>` lines on stderr")
	llc := fs.String("llc", "", "path of llc (default: llc-14 or llc on PATH)")
	lld := fs.String("lld", "", "path of ld.lld (default: ld.lld-14 or ld.lld on PATH)")
	clang := fs.String("clang", "", "path of clang, to build the kernel support library (default: clang-14 or clang on PATH)")
	runtime := fs.String("runtime", "", "simulator runtime (default: built on first use into the user cache)")
	qemu := fs.String("qemu", "", "path of qemu-riscv32 (default: on PATH)")
	snap := fs.String("snapshot", "", "run FILE.py:Class[.method] on the host objects of this snapshot (runsnap.go)")
	var paths listFlag
	fs.Var(&paths, "path", "DIR: an import root of kernel modules, with --snapshot (repeatable)")
	outDir := fs.String("out-dir", "", "with --snapshot: keep the slices, interfaces, archives and the ELF in DIR")
	inputsPath := fs.String("inputs", "", "RTIO input events the kernel sees: CSV FILE time_mu,channel,data")
	var host hostFlags
	host.register(fs)
	if err := fs.Parse(args); err != nil {
		return exitCompile
	}
	var inputs []simulator.InputEvent
	if *inputsPath != "" {
		var err error
		if inputs, err = simulator.ReadInputsFile(*inputsPath); err != nil {
			fmt.Fprintf(os.Stderr, "kernelc: %v\n", err)
			return exitCompile
		}
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: kernelc run [--target T] [--timeline FILE] [--timings] FILE.py")
		return exitCompile
	}
	if *llc == "" {
		*llc = findTool("llc-14", "llc")
	}
	if *lld == "" {
		*lld = findTool("ld.lld-14", "ld.lld")
	}
	if *clang == "" {
		*clang = findTool("clang-14", "clang")
	}
	src := fs.Arg(0)
	t, err := target.Lookup(*tgt)
	if err != nil {
		fmt.Fprintf(os.Stderr, "kernelc: %v\n", err)
		return exitCompile
	}
	if *snap != "" {
		r := &snapRun{target: t, snapPath: *snap, spec: src, paths: paths, outDir: *outDir, timeline: *timeline,
			llc: *llc, lld: *lld, clang: *clang, runtime: *runtime, qemu: *qemu, inputs: inputs, host: host}
		return r.run()
	}
	source, err := os.ReadFile(src)
	if err != nil {
		fmt.Fprintf(os.Stderr, "kernelc: %v\n", err)
		return exitCompile
	}
	module := strings.TrimSuffix(filepath.Base(src), ".py")
	var tw *os.File
	if *timings {
		tw = os.Stderr
	}
	u := &driver.Unit{File: src, Source: source, Module: module, Standalone: true, Target: t}
	if tw != nil {
		u.Timings = tw
	}
	res, err := driver.Frontend(u, true)
	if err != nil {
		driver.Render(os.Stderr, err, map[string][]byte{src: source})
		return exitCompile
	}
	phase := driver.PhaseTimer(u.Timings)
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "kernelc-run-")
	if err != nil {
		fmt.Fprintf(os.Stderr, "kernelc: %v\n", err)
		return exitTool
	}
	defer os.RemoveAll(dir)
	obj := filepath.Join(dir, module+".o")
	if err := object.RunLLC(ctx, *llc, t, res.IR, obj); err != nil {
		fmt.Fprintf(os.Stderr, "kernelc: llc failed: %v\n", err)
		return exitTool
	}
	phase("llc")
	objBytes, err := os.ReadFile(obj)
	if err != nil {
		fmt.Fprintf(os.Stderr, "kernelc: %v\n", err)
		return exitTool
	}
	man := &object.Manifest{Module: module, Target: t.Name, Interface: object.InterfaceHash(res.Interface)}
	manBytes, err := man.MarshalText()
	if err != nil {
		fmt.Fprintf(os.Stderr, "kernelc: %v\n", err)
		return exitTool
	}
	archive := filepath.Join(dir, module+".a")
	if err := object.WriteArchive(archive, []object.Member{
		{Name: object.MemberName(module), Data: objBytes},
		{Name: object.ManifestMember, Data: manBytes},
	}); err != nil {
		fmt.Fprintf(os.Stderr, "kernelc: %v\n", err)
		return exitTool
	}
	phase("archive")
	elf := filepath.Join(dir, module+".elf")
	tables := filepath.Join(dir, module+".tables.json") // the RPC services, for the host side
	lo := link.Options{Target: t, Entry: module + ".__toplevel__", Archives: []string{archive}, LLC: *llc, LLD: *lld, Out: elf, Tables: tables}
	if tw != nil {
		lo.Timings = tw
	}
	if support, err := supportArchive(ctx, t, *clang); err != nil {
		fmt.Fprintf(os.Stderr, "kernelc: %v\n", err)
		return exitTool
	} else {
		lo.Support = support
	}
	if err := link.Link(ctx, lo); err != nil {
		fmt.Fprintf(os.Stderr, "kernelc: link: %v\n", err)
		if link.IsInputError(err) {
			return exitCompile
		}
		return exitTool
	}
	phase("link")
	var tl bytes.Buffer
	so := simulator.Options{Runtime: *runtime, Qemu: *qemu, ELF: elf, Stdout: os.Stdout, Stderr: os.Stderr,
		Tables: tables, HostProgram: src, HostModule: module, Inputs: inputs}
	if *timeline != "" {
		so.Timeline = &tl
		if so.TimelineFormat, err = timelineFormat(*timeline); err != nil {
			fmt.Fprintf(os.Stderr, "kernelc: %v\n", err)
			return exitCompile
		}
	}
	status, err := simulator.Run(ctx, so)
	phase("sim")
	if err != nil {
		fmt.Fprintf(os.Stderr, "kernelc: simulator: %v\n", err)
	}
	if *timeline != "" && status != simulator.ExitFailure {
		if err := writeTimeline(*timeline, tl.Bytes()); err != nil {
			fmt.Fprintf(os.Stderr, "kernelc: %v\n", err)
			return exitTool
		}
	}
	switch status {
	case simulator.ExitOK:
		return exitOK
	case simulator.ExitException:
		return exitException
	}
	return exitTool
}
