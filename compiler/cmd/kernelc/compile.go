package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/rules-artiq/rules_artiq/compiler/driver"
	"github.com/rules-artiq/rules_artiq/compiler/object"
	"github.com/rules-artiq/rules_artiq/compiler/target"
	"github.com/rules-artiq/rules_artiq/internal/atomicfile"
)

func init() {
	register("compile", "compile one kernel module to an object archive and an interface file", runCompile)
	register("iface", "print a kernel module's interface", runIface)
}

// ifaceFlags collects repeated --iface MODULE=PATH flags.
type ifaceFlags map[string]string

func (f ifaceFlags) String() string {
	var parts []string
	for m, p := range f {
		parts = append(parts, m+"="+p)
	}
	sort.Strings(parts)
	return strings.Join(parts, ",")
}

func (f ifaceFlags) Set(v string) error {
	m, p, ok := strings.Cut(v, "=")
	if !ok || m == "" || p == "" {
		return fmt.Errorf("want MODULE=PATH, got %q", v)
	}
	if _, dup := f[m]; dup {
		return fmt.Errorf("interface of module %s given twice", m)
	}
	f[m] = p
	return nil
}

func (f ifaceFlags) read() (map[string][]byte, error) {
	out := map[string][]byte{}
	for m, p := range f {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		out[m] = data
	}
	return out, nil
}

// moduleFromPath derives a module path from a file path: a/b/c.py -> a.b.c.
func moduleFromPath(path string) string {
	p := strings.TrimSuffix(filepath.ToSlash(path), ".py")
	p = strings.TrimPrefix(p, "./")
	return strings.ReplaceAll(p, "/", ".")
}

// unitFlags are the flags that compile, iface and ir share: which module
// the source is, for which target, and the interfaces it may import.
type unitFlags struct {
	module *string
	target *string
	ifaces ifaceFlags
}

func addUnitFlags(fs *flag.FlagSet) *unitFlags {
	u := &unitFlags{ifaces: ifaceFlags{}}
	u.module = fs.String("module", "", "module path of the source (default: derived from the file path)")
	u.target = fs.String("target", target.Default, "core-device target ("+strings.Join(target.Names(), ", ")+")")
	fs.Var(u.ifaces, "iface", "MODULE=PATH: the interface of an importable module (repeatable)")
	return u
}

// load reads the source src and the interfaces into a compilation unit.
// A standalone program's default module name is its file's base name.
func (f *unitFlags) load(src string, standalone bool) (*driver.Unit, error) {
	t, err := target.Lookup(*f.target)
	if err != nil {
		return nil, err
	}
	source, err := os.ReadFile(src)
	if err != nil {
		return nil, err
	}
	imports, err := f.ifaces.read()
	if err != nil {
		return nil, err
	}
	module := *f.module
	if module == "" {
		module = moduleFromPath(src)
		if standalone {
			module = strings.TrimSuffix(filepath.Base(src), ".py")
		}
	}
	return &driver.Unit{File: src, Source: source, Module: module, Standalone: standalone, Imports: imports, Target: t}, nil
}

func runCompile(args []string) int {
	fs := flag.NewFlagSet("kernelc compile", flag.ContinueOnError)
	uf := addUnitFlags(fs)
	llc := fs.String("llc", "llc-14", "path of llc")
	outArchive := fs.String("out-archive", "", "the object archive to write")
	outIface := fs.String("out-iface", "", "the interface file to write")
	timings := fs.Bool("timings", false, "print `timing <phase> <ms>` lines on stderr")
	slicePath := fs.String("slice", "", "the module's slice of the host-value snapshot (kernelc slice), for modules that use host objects")
	if err := fs.Parse(args); err != nil {
		return exitCompile
	}
	if fs.NArg() != 1 || *outArchive == "" || *outIface == "" {
		fmt.Fprintln(os.Stderr, "usage: kernelc compile [--module M] [--target T] [--iface M=PATH]... --out-archive X.a --out-iface X.iface SRC.py")
		return exitCompile
	}
	src := fs.Arg(0)
	// Whatever happens below, never leave an output that a later build
	// could mistake for a good one.
	os.Remove(*outArchive)
	os.Remove(*outIface)
	ok := false
	defer func() {
		if !ok {
			os.Remove(*outArchive)
			os.Remove(*outIface)
		}
	}()
	u, err := uf.load(src, false)
	if err != nil {
		fmt.Fprintf(os.Stderr, "kernelc: %v\n", err)
		return exitCompile
	}
	t, module := u.Target, u.Module
	if *timings {
		u.Timings = os.Stderr
	}
	if *slicePath != "" {
		if u.Host, err = readSlice(*slicePath, module); err != nil {
			fmt.Fprintf(os.Stderr, "kernelc: %v\n", err)
			return exitCompile
		}
	}
	res, err := driver.Frontend(u, true)
	if err != nil {
		driver.Render(os.Stderr, err, map[string][]byte{src: u.Source})
		return exitCompile
	}
	phase := driver.PhaseTimer(u.Timings)
	ctx := context.Background()
	obj := *outArchive + ".o.tmp"
	defer os.Remove(obj)
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
	for m, data := range res.UsedImports {
		man.Imports = append(man.Imports, object.Import{Module: m, Interface: object.InterfaceHash(data)})
	}
	manBytes, err := man.MarshalText()
	if err != nil {
		fmt.Fprintf(os.Stderr, "kernelc: %v\n", err)
		return exitTool
	}
	members := []object.Member{
		{Name: object.MemberName(module), Data: objBytes},
		{Name: object.ManifestMember, Data: manBytes},
	}
	if err := object.WriteArchive(*outArchive, members); err != nil {
		fmt.Fprintf(os.Stderr, "kernelc: %v\n", err)
		return exitTool
	}
	phase("archive")
	if err := atomicfile.Write(*outIface, res.Interface, 0o644); err != nil {
		fmt.Fprintf(os.Stderr, "kernelc: %v\n", err)
		return exitTool
	}
	ok = true
	return exitOK
}

func runIface(args []string) int {
	fs := flag.NewFlagSet("kernelc iface", flag.ContinueOnError)
	uf := addUnitFlags(fs)
	if err := fs.Parse(args); err != nil {
		return exitCompile
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: kernelc iface [--module M] [--iface M=PATH]... SRC.py")
		return exitCompile
	}
	u, err := uf.load(fs.Arg(0), false)
	if err != nil {
		fmt.Fprintf(os.Stderr, "kernelc: %v\n", err)
		return exitCompile
	}
	res, err := driver.Frontend(u, false)
	if err != nil {
		driver.Render(os.Stderr, err, map[string][]byte{u.File: u.Source})
		return exitCompile
	}
	os.Stdout.Write(res.Interface)
	return exitOK
}

func init() {
	register("ir", "print the LLVM IR of a kernel module (or of a standalone program with --standalone)", runIR)
}

func runIR(args []string) int {
	fs := flag.NewFlagSet("kernelc ir", flag.ContinueOnError)
	uf := addUnitFlags(fs)
	standalone := fs.Bool("standalone", false, "treat the file as a standalone program, as `kernelc run` does")
	if err := fs.Parse(args); err != nil {
		return exitCompile
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: kernelc ir [--standalone] [--module M] [--iface M=PATH]... SRC.py")
		return exitCompile
	}
	u, err := uf.load(fs.Arg(0), *standalone)
	if err != nil {
		fmt.Fprintf(os.Stderr, "kernelc: %v\n", err)
		return exitCompile
	}
	res, err := driver.Frontend(u, true)
	if err != nil {
		driver.Render(os.Stderr, err, map[string][]byte{u.File: u.Source})
		return exitCompile
	}
	os.Stdout.Write(res.IR)
	return exitOK
}
