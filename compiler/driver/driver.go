// Package driver runs the compiler's phases on one module: parse, check,
// interface, lower. The kernelc subcommands and tests share it so that
// `kernelc run` compiles exactly as a Bazel KernelCompile action does.
package driver

import (
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/rules-artiq/rules_artiq/compiler/diag"
	"github.com/rules-artiq/rules_artiq/compiler/hostobj"
	"github.com/rules-artiq/rules_artiq/compiler/iface"
	"github.com/rules-artiq/rules_artiq/compiler/lower"
	"github.com/rules-artiq/rules_artiq/compiler/syntax"
	"github.com/rules-artiq/rules_artiq/compiler/syntax/parse"
	"github.com/rules-artiq/rules_artiq/compiler/target"
	"github.com/rules-artiq/rules_artiq/compiler/types"
)

// Unit is one module to compile.
type Unit struct {
	File       string // source path as it should appear in diagnostics and exception reports
	Source     []byte
	Module     string
	Standalone bool
	// Imports maps module paths to their encoded interface files.
	Imports map[string][]byte
	Target  *target.Target
	// Host answers questions about host objects: the module's snapshot
	// slice (hostobj.SliceSource), or a hostobj.Recorder in the uses pass.
	Host hostobj.Source
	// Timings receives "timing <phase> <ms>" lines when set.
	Timings io.Writer
}

// Result is what the front end produced.
type Result struct {
	Info      *types.Info
	Interface []byte // canonical interface file
	IR        []byte // textual LLVM IR (nil when only the interface was asked for)
	// UsedImports are the imported modules' interface bytes that the
	// module actually read, by module path.
	UsedImports map[string][]byte
}

// Frontend parses and checks u. With lowerIR it also produces LLVM IR.
// Diagnostics come back as a sorted diag.List error.
func Frontend(u *Unit, lowerIR bool) (*Result, error) {
	phase := phaseTimer(u.Timings)
	f, serrs := syntax.Parse(u.File, u.Source)
	perrs := parse.Diagnostics(serrs)
	phase("parse")
	var unsupported map[*syntax.FuncDef]*diag.Diagnostic
	if len(perrs) > 0 {
		// Constructs kernels cannot use are errors only in kernel code
		// (hostcode.go); anything else ends the compile here.
		var ok bool
		if unsupported, ok = hostParseErrors(u, serrs); !ok {
			return nil, perrs
		}
	}
	imports := map[string]*iface.Interface{}
	var names []string
	for m := range u.Imports {
		names = append(names, m)
	}
	sort.Strings(names)
	for _, m := range names {
		it, err := iface.Decode(m+".iface", u.Imports[m])
		if err != nil {
			return nil, err
		}
		if it.Module != m {
			return nil, fmt.Errorf("interface given for module %s describes module %s", m, it.Module)
		}
		imports[m] = it
	}
	phase("resolve")
	info, errs := types.Check(f, types.Config{Module: u.Module, Standalone: u.Standalone, Imports: imports, Host: u.Host,
		Unsupported: unsupported})
	phase("infer")
	if len(errs) > 0 {
		return nil, errs
	}
	res := &Result{Info: info, Interface: info.Interface().Encode(), UsedImports: map[string][]byte{}}
	for m := range info.Imported {
		res.UsedImports[m] = u.Imports[m]
	}
	if lowerIR {
		ir, err := lowerModule(info, u.Target)
		if err != nil {
			return nil, err
		}
		res.IR = ir
		phase("lower")
	}
	return res, nil
}

// Render prints a diagnostics error with source lines, or a plain error.
func Render(w io.Writer, err error, sources map[string][]byte) {
	if l, ok := err.(diag.List); ok {
		diag.Render(w, l, sources)
		return
	}
	fmt.Fprintf(w, "error: %v\n", err)
}

// phaseTimer returns a function that prints the time since the previous
// call under the given phase name.
func phaseTimer(w io.Writer) func(string) {
	last := time.Now()
	return func(name string) {
		now := time.Now()
		if w != nil {
			fmt.Fprintf(w, "timing %s %.3f\n", name, float64(now.Sub(last).Microseconds())/1000)
		}
		last = now
	}
}

// PhaseTimer is phaseTimer for the commands' own phases (llc, archive, ...).
func PhaseTimer(w io.Writer) func(string) { return phaseTimer(w) }

// lowerModule lowers a checked module. The checker guarantees what the
// lowering relies on; should that ever fail, the user gets an internal
// error naming the module instead of a crash.
func lowerModule(info *types.Info, t *target.Target) (text []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal compiler error while lowering %s: %v (please report this with the source file)", info.File, r)
		}
	}()
	m, err := lower.Module(info, t)
	if err != nil {
		return nil, err
	}
	return []byte(m.String()), nil
}
