package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/rules-artiq/rules_artiq/compiler/driver"
	"github.com/rules-artiq/rules_artiq/compiler/hostobj"
	"github.com/rules-artiq/rules_artiq/compiler/target"
	"github.com/rules-artiq/rules_artiq/internal/atomicfile"
	"github.com/rules-artiq/rules_artiq/snapshot"
)

func init() {
	register("slice", "cut a kernel module's slice of a host-value snapshot (the uses pass)", runSlice)
}

const sliceUsage = "usage: kernelc slice --module M --snapshot SNAP [--iface M=PATH]... SRC.py -o OUT.slice"

// runSlice is the KernelSlice action: it checks the module against the
// whole snapshot, recording which host attributes its kernel code reads
// and which invariants it folds, and writes exactly those (the values of
// the folded ones only). A value change that the module does not fold
// leaves the slice byte-identical, so Bazel does not re-run its compile.
func runSlice(args []string) int {
	fs := flag.NewFlagSet("kernelc slice", flag.ContinueOnError)
	module := fs.String("module", "", "module path of the source (default: derived from the file path)")
	snapPath := fs.String("snapshot", "", "the host-value snapshot (kernelc snapshot)")
	ifaces := ifaceFlags{}
	fs.Var(ifaces, "iface", "MODULE=PATH: the interface of a module this one imports or whose host classes it uses (repeatable)")
	out := fs.String("o", "", "the slice to write")
	var positional []string
	rest := args
	for {
		if err := fs.Parse(rest); err != nil {
			fmt.Fprintln(os.Stderr, sliceUsage)
			return exitCompile
		}
		if fs.NArg() == 0 {
			break
		}
		positional = append(positional, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if len(positional) != 1 || *snapPath == "" || *out == "" {
		fmt.Fprintln(os.Stderr, sliceUsage)
		return exitCompile
	}
	os.Remove(*out)
	src := positional[0]
	source, err := os.ReadFile(src)
	if err != nil {
		fmt.Fprintf(os.Stderr, "kernelc: %v\n", err)
		return exitCompile
	}
	imports, err := ifaces.read()
	if err != nil {
		fmt.Fprintf(os.Stderr, "kernelc: %v\n", err)
		return exitCompile
	}
	snap, err := snapshot.Read(*snapPath)
	if err != nil {
		printSnapshotErrors(os.Stderr, err)
		return exitCompile
	}
	if *module == "" {
		*module = moduleFromPath(src)
	}
	t, _ := target.Lookup(target.Default)
	u := &driver.Unit{File: src, Source: source, Module: *module, Imports: imports, Target: t}
	data, err := cutSlice(u, snap)
	if err != nil {
		driver.Render(os.Stderr, err, map[string][]byte{src: source})
		return exitCompile
	}
	if err := atomicfile.Write(*out, data, 0o644); err != nil {
		fmt.Fprintf(os.Stderr, "kernelc: %v\n", err)
		return exitTool
	}
	return exitOK
}

// cutSlice runs the uses pass on u over snap and returns the module's
// slice. Errors are the module's diagnostics.
func cutSlice(u *driver.Unit, snap *snapshot.Snapshot) ([]byte, error) {
	rec := hostobj.NewRecorder(snap, u.Module)
	v := *u
	v.Host = rec
	if _, err := driver.Frontend(&v, false); err != nil {
		return nil, err
	}
	return rec.Slice()
}

// readSlice reads a slice for the compile of module.
func readSlice(path, module string) (hostobj.Source, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	src, err := hostobj.ReadSlice(path, data)
	if err != nil {
		return nil, err
	}
	if src.Module() != module {
		return nil, fmt.Errorf("%s is the slice of module %s, not of %s", path, src.Module(), module)
	}
	return src, nil
}
