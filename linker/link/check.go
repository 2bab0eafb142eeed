package link

import (
	"bytes"
	"debug/elf"
	"fmt"
	"sort"
	"strings"

	"github.com/rules-artiq/rules_artiq/compiler/object"
	"github.com/rules-artiq/rules_artiq/compiler/target"
	"github.com/rules-artiq/rules_artiq/linker/firmware"
)

// kernel is one kernel archive of the link.
type kernel struct {
	path     string
	manifest *object.Manifest
	syms     *symbols
}

// supportMember is one object of the support library.
type supportMember struct {
	name string
	syms *symbols
}

// inputs are the parsed archives of a link.
type inputs struct {
	target   *target.Target
	kernels  []*kernel
	byModule map[string]*kernel // first archive of each module
	support  []*supportMember
	// supportPath names the support library in messages.
	supportPath string
	// entryModule is the module that defines the entry (set by checkEntry).
	entryModule string
}

// symbols is what the link needs from an object's symbol table.
type symbols struct {
	// defined holds global and weak definitions, hidden ones included:
	// they resolve between archives.
	defined map[string]elf.Symbol
	// local holds module-private definitions, for better messages.
	local map[string]bool
	// undefined are the referenced but undefined names, sorted.
	undefined []string
}

// linkerDefined are the symbols that the link itself provides: the stub,
// the linker script, and lld.
var linkerDefined = map[string]bool{
	"__modinit__":           true,
	"__bss_start":           true,
	"_end":                  true,
	"_sstack_guard":         true,
	"_GLOBAL_OFFSET_TABLE_": true,
	"_DYNAMIC":              true,
	"__ehdr_start":          true,
}

func load(o Options) (*inputs, error) {
	in := &inputs{target: o.Target, byModule: map[string]*kernel{}, supportPath: o.Support}
	var problems []string
	for _, p := range o.Archives {
		a, err := object.ReadArchive(p)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		if a.Manifest == nil {
			problems = append(problems, fmt.Sprintf("%s: not a kernel archive (it has no %s member)", p, object.ManifestMember))
			continue
		}
		member := object.MemberName(a.Manifest.Module)
		syms, err := readSymbols(a.Object(), o.Target)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s(%s): %v", p, member, err))
			continue
		}
		k := &kernel{path: p, manifest: a.Manifest, syms: syms}
		in.kernels = append(in.kernels, k)
		if _, dup := in.byModule[a.Manifest.Module]; !dup {
			in.byModule[a.Manifest.Module] = k
		}
	}
	if o.Support != "" {
		a, err := object.ReadArchive(o.Support)
		if err != nil {
			problems = append(problems, err.Error())
		} else {
			for _, m := range a.Members {
				if !bytes.HasPrefix(m.Data, []byte(elf.ELFMAG)) {
					continue // not an object; lld ignores it too
				}
				syms, err := readSymbols(m.Data, o.Target)
				if err != nil {
					problems = append(problems, fmt.Sprintf("%s(%s): %v", o.Support, m.Name, err))
					continue
				}
				in.support = append(in.support, &supportMember{name: m.Name, syms: syms})
			}
		}
	}
	if err := inputErrors(problems); err != nil {
		return nil, err
	}
	return in, nil
}

// readSymbols reads the symbol table of a relocatable object and checks
// that it was built for t's machine.
func readSymbols(obj []byte, t *target.Target) (*symbols, error) {
	f, err := elf.NewFile(bytes.NewReader(obj))
	if err != nil {
		return nil, fmt.Errorf("not an ELF object: %v", err)
	}
	defer f.Close()
	if f.Type != elf.ET_REL {
		return nil, fmt.Errorf("not a relocatable object (%v)", f.Type)
	}
	if f.Class != elf.ELFCLASS32 || uint16(f.Machine) != t.Machine {
		return nil, fmt.Errorf("object is for %v %v, but target %s is %v ELFCLASS32",
			f.Machine, f.Class, t.Name, elf.Machine(t.Machine))
	}
	list, err := f.Symbols()
	if err != nil && err != elf.ErrNoSymbols {
		return nil, err
	}
	s := &symbols{defined: map[string]elf.Symbol{}, local: map[string]bool{}}
	undef := map[string]bool{}
	for _, sym := range list {
		if sym.Name == "" {
			continue
		}
		bind := elf.ST_BIND(sym.Info)
		switch {
		case bind == elf.STB_LOCAL:
			if sym.Section != elf.SHN_UNDEF {
				s.local[sym.Name] = true
			}
		case sym.Section == elf.SHN_UNDEF:
			undef[sym.Name] = true
		default:
			s.defined[sym.Name] = sym
		}
	}
	for n := range undef {
		s.undefined = append(s.undefined, n)
	}
	sort.Strings(s.undefined)
	return s, nil
}

// linkOrder is the archives in module order, so that the ELF does not
// depend on the order in which a build listed them.
func (in *inputs) linkOrder() []string {
	ks := append([]*kernel(nil), in.kernels...)
	sort.SliceStable(ks, func(i, j int) bool { return ks[i].manifest.Module < ks[j].manifest.Module })
	var paths []string
	for _, k := range ks {
		paths = append(paths, k.path)
	}
	return paths
}

// modules lists the modules of the link, sorted.
func (in *inputs) modules() []string {
	var ms []string
	for m := range in.byModule {
		ms = append(ms, m)
	}
	sort.Strings(ms)
	return ms
}

// checkManifests checks the archives against the target and each other.
func checkManifests(t *target.Target, kernels []*kernel) error {
	var problems []string
	first := map[string]*kernel{}
	for _, k := range kernels {
		m := k.manifest
		if m.Target != t.Name {
			problems = append(problems, fmt.Sprintf(
				"%s: module %s was compiled for target %s, but this link is for %s; rebuild it for %s",
				k.path, m.Module, m.Target, t.Name, t.Name))
		}
		if prev, dup := first[m.Module]; dup {
			problems = append(problems, fmt.Sprintf(
				"module %s is in the link twice: %s and %s", m.Module, prev.path, k.path))
			continue
		}
		first[m.Module] = k
	}
	for _, k := range kernels {
		for _, imp := range k.manifest.Imports {
			dep, ok := first[imp.Module]
			if !ok {
				problems = append(problems, fmt.Sprintf(
					"module %s imports %s, which is not in the link: add it to deps",
					k.manifest.Module, imp.Module))
				continue
			}
			if dep.manifest.Interface != imp.Interface {
				problems = append(problems, fmt.Sprintf(
					"stale archive: %s was compiled against interface %s of %s, but the %s in this link has %s; rebuild %s",
					k.manifest.Module, shortHash(imp.Interface), imp.Module,
					imp.Module, shortHash(dep.manifest.Interface), k.manifest.Module))
			}
		}
	}
	return inputErrors(problems)
}

// shortHash abbreviates "sha256:<64 hex>" for messages; 12 digits are
// plenty to tell two interfaces apart by eye.
func shortHash(h string) string {
	const keep = len("sha256:") + 12
	if len(h) <= keep {
		return h
	}
	return h[:keep] + "…"
}

// checkEntry finds the module that defines the entry and checks that it
// defines it as a global function.
func checkEntry(entry string, in *inputs) error {
	module := ""
	for m := range in.byModule {
		if strings.HasPrefix(entry, m+".") && len(m) > len(module) {
			module = m
		}
	}
	if module == "" {
		return inputErrorf("entry %s: no module in the link contains it (modules: %s); add its module to deps",
			entry, strings.Join(in.modules(), ", "))
	}
	name := strings.TrimPrefix(entry, module+".")
	syms := in.byModule[module].syms
	sym, ok := syms.defined[entry]
	switch {
	case !ok && syms.local[entry]:
		return inputErrorf("entry %s: %s is private to module %s", entry, name, module)
	case !ok:
		return inputErrorf("entry %s: module %s does not define %s", entry, module, name)
	case elf.ST_TYPE(sym.Info) != elf.STT_FUNC:
		return inputErrorf("entry %s: %s in module %s is not a function", entry, name, module)
	}
	in.entryModule = module
	return nil
}

// checkUndefined checks before linking that every symbol the kernel
// objects leave undefined is defined by another object of the link or
// exported by the firmware.
func checkUndefined(in *inputs) error {
	defined := map[string]bool{}
	for n := range linkerDefined {
		defined[n] = true
	}
	for _, k := range in.kernels {
		for n := range k.syms.defined {
			defined[n] = true
		}
	}
	for _, m := range in.support {
		for n := range m.syms.defined {
			defined[n] = true
		}
	}
	var problems []string
	seen := map[string]bool{}
	for _, k := range in.kernels {
		for _, n := range k.syms.undefined {
			if defined[n] || in.exported(n) || seen[n] || isRPCSymbol(n) {
				continue
			}
			seen[n] = true
			problems = append(problems, undefinedMessage(n, in.referencedBy(n)))
		}
	}
	return inputErrors(problems)
}

// referencedBy names the modules (and support library members) whose
// objects reference name without defining it.
func (in *inputs) referencedBy(name string) []string {
	var refs []string
	for _, m := range in.modules() {
		if contains(in.byModule[m].syms.undefined, name) {
			refs = append(refs, "module "+m)
		}
	}
	for _, m := range in.support {
		if contains(m.syms.undefined, name) {
			refs = append(refs, fmt.Sprintf("%s(%s)", in.supportPath, m.name))
		}
	}
	return refs
}

func contains(sorted []string, s string) bool {
	i := sort.SearchStrings(sorted, s)
	return i < len(sorted) && sorted[i] == s
}

func undefinedMessage(name string, refs []string) string {
	if len(refs) == 0 {
		return fmt.Sprintf("undefined symbol %s (not exported by the firmware)", name)
	}
	return fmt.Sprintf("undefined symbol %s (referenced by %s)", name, strings.Join(refs, ", "))
}

// exported reports whether the firmware of the link's target exports name.
func (in *inputs) exported(name string) bool {
	return firmware.ExportsFor(elf.Machine(in.target.Machine), name)
}
