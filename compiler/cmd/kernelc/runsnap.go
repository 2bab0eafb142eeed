package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/rules-artiq/rules_artiq/compiler/driver"
	"github.com/rules-artiq/rules_artiq/compiler/hostobj"
	"github.com/rules-artiq/rules_artiq/compiler/object"
	"github.com/rules-artiq/rules_artiq/compiler/syntax"
	"github.com/rules-artiq/rules_artiq/compiler/syntax/parse"
	"github.com/rules-artiq/rules_artiq/compiler/target"
	"github.com/rules-artiq/rules_artiq/linker/link"
	"github.com/rules-artiq/rules_artiq/simulator"
	"github.com/rules-artiq/rules_artiq/snapshot"
)

// snapRun is `kernelc run --snapshot SNAP FILE.py:Class.method`: the
// experiment file and the kernel modules it needs are compiled one by one,
// each as its own module with its own slice, exactly as Bazel's actions
// would (a KernelSlice then a KernelCompile per module, in dependency
// order), linked with the snapshot's data object, and run.
type snapRun struct {
	target   *target.Target
	snapPath string
	spec     string // FILE.py:Class[.method]
	paths    []string
	outDir   string // keep slices, interfaces, archives and the ELF here
	timeline string
	llc, lld string
	clang    string
	runtime  string
	qemu     string
	inputs   []simulator.InputEvent // RTIO input events (--inputs)
	host     hostFlags              // the experiment's host side (--device-db, ...)
}

// module is one kernel module of the run.
type snapModule struct {
	name string
	file string
	src  []byte
	deps []string
}

func (r *snapRun) run() int {
	fail := func(status int, format string, args ...interface{}) int {
		fmt.Fprintf(os.Stderr, "kernelc: "+format+"\n", args...)
		return status
	}
	file, target, ok := strings.Cut(r.spec, ".py:")
	if !ok || target == "" {
		return fail(exitCompile, "want FILE.py:Class[.method] with --snapshot, got %q", r.spec)
	}
	file += ".py"
	className, method, _ := strings.Cut(target, ".")
	snap, err := snapshot.Read(r.snapPath)
	if err != nil {
		printSnapshotErrors(os.Stderr, err)
		return exitCompile
	}
	self := snap.Objects[snap.Entry.Object]
	if method == "" {
		method = snap.Entry.Method
	}
	entryModule := hostobj.ClassModule(self.Class)
	if self.Class[len(entryModule)+1:] != className {
		return fail(exitCompile, "the snapshot's entry object %s is a %s, not a %s", snap.Entry.Object, self.Class, className)
	}
	src, err := os.ReadFile(file)
	if err != nil {
		return fail(exitCompile, "%v", err)
	}
	roots := append(append([]string(nil), r.paths...), filepath.Dir(file))
	mods, order, err := snapModules(entryModule, file, src, roots, snap)
	if err != nil {
		return fail(exitCompile, "%v", err)
	}
	dir := r.outDir
	if dir == "" {
		if dir, err = os.MkdirTemp("", "kernelc-run-"); err != nil {
			return fail(exitTool, "%v", err)
		}
		defer os.RemoveAll(dir)
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return fail(exitTool, "%v", err)
	}
	ctx := context.Background()
	ifaces := map[string][]byte{}
	var archives []string
	for _, name := range order {
		m := mods[name]
		imports := map[string][]byte{}
		for _, d := range transitiveDeps(mods, name) {
			imports[d] = ifaces[d]
		}
		u := &driver.Unit{File: m.file, Source: m.src, Module: name, Imports: imports, Target: r.target}
		sources := map[string][]byte{m.file: m.src}
		sliceData, err := cutSlice(u, snap)
		if err != nil {
			driver.Render(os.Stderr, err, sources)
			return exitCompile
		}
		if err := os.WriteFile(filepath.Join(dir, name+".slice"), sliceData, 0o644); err != nil {
			return fail(exitTool, "%v", err)
		}
		if u.Host, err = hostobj.ReadSlice(name+".slice", sliceData); err != nil {
			return fail(exitTool, "%v", err)
		}
		res, err := driver.Frontend(u, true)
		if err != nil {
			driver.Render(os.Stderr, err, sources)
			return exitCompile
		}
		if r.outDir != "" {
			if err := os.WriteFile(filepath.Join(dir, name+".ll"), res.IR, 0o644); err != nil {
				return fail(exitTool, "%v", err)
			}
		}
		archive := filepath.Join(dir, name+".a")
		if err := writeModuleArchive(ctx, r.llc, r.target, name, res, archive); err != nil {
			return fail(exitTool, "%v", err)
		}
		ifaces[name] = res.Interface
		if err := os.WriteFile(filepath.Join(dir, name+".iface"), res.Interface, 0o644); err != nil {
			return fail(exitTool, "%v", err)
		}
		archives = append(archives, archive)
	}
	elf := filepath.Join(dir, entryModule+".elf")
	tables := filepath.Join(dir, entryModule+".tables.json")
	lo := link.Options{Target: r.target, Entry: self.Class + "." + method, Archives: archives,
		LLC: r.llc, LLD: r.lld, Out: elf, Tables: tables, Snapshot: snap}
	if lo.Support, err = supportArchive(ctx, r.target, r.clang); err != nil {
		return fail(exitTool, "%v", err)
	}
	if err := link.Link(ctx, lo); err != nil {
		if link.IsInputError(err) {
			return fail(exitCompile, "link: %v", err)
		}
		return fail(exitTool, "link: %v", err)
	}
	var tl bytes.Buffer
	so := simulator.Options{Runtime: r.runtime, Qemu: r.qemu, ELF: elf, Stdout: os.Stdout, Stderr: os.Stderr, Tables: tables,
		Inputs: r.inputs, HostPath: roots, Experiment: r.host.experiment(r.snapPath)}
	if r.timeline != "" {
		so.Timeline = &tl
		if so.TimelineFormat, err = timelineFormat(r.timeline); err != nil {
			return fail(exitCompile, "%v", err)
		}
	}
	status, err := simulator.Run(ctx, so)
	if err != nil {
		fmt.Fprintf(os.Stderr, "kernelc: simulator: %v\n", err)
	}
	if r.timeline != "" && status != simulator.ExitFailure {
		if err := writeTimeline(r.timeline, tl.Bytes()); err != nil {
			return fail(exitTool, "%v", err)
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

// writeModuleArchive runs llc on a module's IR and writes its archive
// (object + manifest), as `kernelc compile` does.
func writeModuleArchive(ctx context.Context, llc string, t *target.Target, module string, res *driver.Result, out string) error {
	obj := out + ".o.tmp"
	defer os.Remove(obj)
	if err := object.RunLLC(ctx, llc, t, res.IR, obj); err != nil {
		return fmt.Errorf("llc failed: %v", err)
	}
	objBytes, err := os.ReadFile(obj)
	if err != nil {
		return err
	}
	man := &object.Manifest{Module: module, Target: t.Name, Interface: object.InterfaceHash(res.Interface)}
	for m, data := range res.UsedImports {
		man.Imports = append(man.Imports, object.Import{Module: m, Interface: object.InterfaceHash(data)})
	}
	manBytes, err := man.MarshalText()
	if err != nil {
		return err
	}
	return object.WriteArchive(out, []object.Member{
		{Name: object.MemberName(module), Data: objBytes},
		{Name: object.ManifestMember, Data: manBytes},
	})
}

// snapModules finds the kernel modules of a run: the experiment module,
// the modules it imports, and the modules that define the classes of the
// snapshot's objects, found under roots (and their imports, and so on).
// A module depends on the modules it imports and on the modules of the
// classes reachable through attribute types from its own classes' objects
// (whose methods its kernels may call). order lists the modules so that
// each comes after its dependencies.
func snapModules(entry, file string, src []byte, roots []string, snap *snapshot.Snapshot) (map[string]*snapModule, []string, error) {
	classes := map[string]*snapshot.Class{}
	byModule := map[string][]string{}
	for _, c := range snap.Classes() {
		classes[c.Name] = c
		m := hostobj.ClassModule(c.Name)
		byModule[m] = append(byModule[m], c.Name)
	}
	find := func(m string) string {
		rel := filepath.FromSlash(strings.ReplaceAll(m, ".", "/")) + ".py"
		for _, r := range roots {
			p := filepath.Join(r, rel)
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
		return ""
	}
	mods := map[string]*snapModule{}
	queue := []string{entry}
	mods[entry] = &snapModule{name: entry, file: file, src: src}
	for _, m := range sortedKeys(byModule) {
		if m != entry && find(m) != "" && mods[m] == nil {
			mods[m] = &snapModule{name: m, file: find(m)}
			queue = append(queue, m)
		}
	}
	for len(queue) > 0 {
		m := mods[queue[0]]
		queue = queue[1:]
		if m.src == nil {
			data, err := os.ReadFile(m.file)
			if err != nil {
				return nil, nil, err
			}
			m.src = data
		}
		deps := map[string]bool{}
		f, _ := parse.Parse(m.file, m.src) // syntax errors surface in the compile
		if f != nil {
			for _, s := range f.Body {
				var names []string
				switch s := s.(type) {
				case *syntax.Import:
					for _, a := range s.Names {
						names = append(names, a.Name)
					}
				case *syntax.ImportFrom:
					mod := s.Module
					if s.Level > 0 { // relative to the module's package
						parts := strings.Split(m.name, ".")
						if s.Level < len(parts) {
							mod = strings.TrimSuffix(strings.Join(parts[:len(parts)-s.Level], ".")+"."+s.Module, ".")
						}
					}
					names = append(names, mod)
					for _, a := range s.Names { // from package import module
						names = append(names, mod+"."+a.Name)
					}
				}
				for _, n := range names {
					if !languageModules[n] && find(n) != "" {
						deps[n] = true
					}
				}
			}
		}
		// Classes reachable from the module's own classes.
		seen := map[string]bool{}
		var walk func(t snapshot.Type)
		visit := func(class string) {
			if seen[class] || classes[class] == nil {
				return
			}
			seen[class] = true
			for _, t := range classes[class].Attrs {
				walk(t)
			}
		}
		walk = func(t snapshot.Type) {
			switch t.Kind {
			case snapshot.KindRef:
				if dm := hostobj.ClassModule(t.Class); dm != m.name && find(dm) != "" {
					deps[dm] = true
				}
				visit(t.Class)
			case snapshot.KindList:
				if t.Elem != nil {
					walk(*t.Elem)
				}
			case snapshot.KindTuple:
				for _, e := range t.Elems {
					walk(e)
				}
			}
		}
		for _, c := range byModule[m.name] {
			visit(c)
		}
		delete(deps, m.name)
		m.deps = sortedKeys(deps)
		for _, d := range m.deps {
			if mods[d] == nil {
				mods[d] = &snapModule{name: d, file: find(d)}
				queue = append(queue, d)
			}
		}
	}
	// Depth-first topological order, by name for determinism.
	var order []string
	state := map[string]int{} // 1 visiting, 2 done
	var visit func(n string, path []string) error
	visit = func(n string, path []string) error {
		switch state[n] {
		case 1:
			return fmt.Errorf("kernel modules depend on each other in a cycle: %s -> %s", strings.Join(path, " -> "), n)
		case 2:
			return nil
		}
		state[n] = 1
		for _, d := range mods[n].deps {
			if err := visit(d, append(path, n)); err != nil {
				return err
			}
		}
		state[n] = 2
		order = append(order, n)
		return nil
	}
	for _, n := range sortedKeys(mods) {
		if err := visit(n, nil); err != nil {
			return nil, nil, err
		}
	}
	return mods, order, nil
}

// languageModules are provided by the language itself, never read from
// the path (as in the checker).
var languageModules = map[string]bool{
	"artiq": true, "artiq.experiment": true, "artiq.language": true, "artiq.language.core": true,
	"artiq.language.types": true, "artiq.language.units": true, "numpy": true, "math": true,
	// ARTIQ's legacy surface (compiler/types/legacy.go)
	"artiq.language.environment": true, "artiq.language.scan": true, "artiq.coredevice.exceptions": true,
}

// transitiveDeps returns the modules that name depends on, directly or not.
func transitiveDeps(mods map[string]*snapModule, name string) []string {
	seen := map[string]bool{}
	var walk func(string)
	walk = func(n string) {
		for _, d := range mods[n].deps {
			if !seen[d] {
				seen[d] = true
				walk(d)
			}
		}
	}
	walk(name)
	return sortedKeys(seen)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
