package link

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"fmt"
	"sort"
	"strings"

	"github.com/rules-artiq/rules_artiq/compiler/target"
)

const (
	emRISCV = uint16(elf.EM_RISCV)
	emARM   = uint16(elf.EM_ARM)
)

// dynRelocs are the dynamic relocation types that the firmware's loader
// applies, per e_machine.
var dynRelocs = map[uint16]map[uint32]string{
	emRISCV: {
		uint32(elf.R_RISCV_NONE):      "R_RISCV_NONE",
		uint32(elf.R_RISCV_32):        "R_RISCV_32",
		uint32(elf.R_RISCV_RELATIVE):  "R_RISCV_RELATIVE",
		uint32(elf.R_RISCV_JUMP_SLOT): "R_RISCV_JUMP_SLOT",
	},
	emARM: {
		uint32(elf.R_ARM_NONE):      "R_ARM_NONE",
		uint32(elf.R_ARM_ABS32):     "R_ARM_ABS32",
		uint32(elf.R_ARM_GLOB_DAT):  "R_ARM_GLOB_DAT",
		uint32(elf.R_ARM_JUMP_SLOT): "R_ARM_JUMP_SLOT",
		uint32(elf.R_ARM_RELATIVE):  "R_ARM_RELATIVE",
	},
}

// requiredSymbols are looked up by the firmware in the dynamic symbol
// table.
var requiredSymbols = []string{"__modinit__", "__bss_start", "_end", "_sstack_guard"}

const pageSize = 0x1000

// verify checks a linked device ELF against what the firmware's loader
// accepts. Violations are input errors: they come from the objects, not
// from lld misbehaving.
func verify(data []byte, t *target.Target, in *inputs) error {
	fail := func(format string, args ...any) error {
		return inputErrorf("device ELF check: "+format, args...)
	}
	f, err := elf.NewFile(bytes.NewReader(data))
	if err != nil {
		return fail("%v", err)
	}
	defer f.Close()

	// Header.
	switch {
	case f.Class != elf.ELFCLASS32:
		return fail("class %v, want ELFCLASS32", f.Class)
	case f.Data != elf.ELFDATA2LSB:
		return fail("data encoding %v, want ELFDATA2LSB", f.Data)
	case f.Version != elf.EV_CURRENT:
		return fail("version %v, want EV_CURRENT", f.Version)
	case f.OSABI != elf.ELFOSABI_NONE:
		return fail("OS ABI %v, want ELFOSABI_NONE", f.OSABI)
	case f.Type != elf.ET_DYN:
		return fail("type %v, want ET_DYN", f.Type)
	case uint16(f.Machine) != t.Machine:
		return fail("machine %v, want %v", f.Machine, elf.Machine(t.Machine))
	}
	// debug/elf does not expose e_flags; in ELF32 it is at offset 36.
	if flags := binary.LittleEndian.Uint32(data[36:40]); flags != t.ELFFlags {
		return fail("e_flags %#x, want %#x for target %s (are all objects and the support library built for the same ABI?)",
			flags, t.ELFFlags, t.Name)
	}

	// Dynamic tags.
	tag := func(tg elf.DynTag) ([]uint64, error) {
		v, err := f.DynValue(tg)
		if err != nil {
			return nil, fail("reading %v: %v", tg, err)
		}
		return v, nil
	}
	for _, tg := range []elf.DynTag{elf.DT_RELA, elf.DT_RELASZ, elf.DT_RELAENT, elf.DT_HASH, elf.DT_JMPREL, elf.DT_PLTRELSZ, elf.DT_PLTREL} {
		v, err := tag(tg)
		if err != nil {
			return err
		}
		if len(v) != 1 {
			return fail("%d %v tags, want exactly one", len(v), tg)
		}
	}
	for _, tg := range []elf.DynTag{elf.DT_REL, elf.DT_TEXTREL, elf.DT_NEEDED} {
		v, err := tag(tg)
		if err != nil {
			return err
		}
		if len(v) != 0 {
			return fail("has %v, which the firmware's loader does not handle", tg)
		}
	}
	one := func(tg elf.DynTag) uint64 { v, _ := f.DynValue(tg); return v[0] }
	if one(elf.DT_PLTREL) != uint64(elf.DT_RELA) {
		return fail("DT_PLTREL is %d, want DT_RELA", one(elf.DT_PLTREL))
	}
	if one(elf.DT_RELAENT) != 12 {
		return fail("DT_RELAENT is %d, want 12", one(elf.DT_RELAENT))
	}

	// Symbols.
	dyn, err := f.DynamicSymbols()
	if err != nil {
		return fail("dynamic symbols: %v", err)
	}
	defined := map[string]elf.Symbol{}
	var undefined []string
	for _, s := range dyn {
		if s.Name == "" {
			continue
		}
		if s.Section == elf.SHN_UNDEF {
			undefined = append(undefined, s.Name)
		} else {
			defined[s.Name] = s
		}
	}
	var problems []string
	sort.Strings(undefined)
	for _, n := range undefined {
		if !in.exported(n) {
			problems = append(problems, undefinedMessage(n, in.referencedBy(n)))
		}
	}
	if err := inputErrors(problems); err != nil {
		return err
	}
	for _, n := range requiredSymbols {
		s, ok := defined[n]
		if !ok {
			return fail("%s is not a defined dynamic symbol", n)
		}
		// An absolute symbol would not be moved with the load base.
		if s.Section == elf.SHN_ABS {
			return fail("%s is absolute, want section-relative", n)
		}
	}
	if typ := elf.ST_TYPE(defined["__modinit__"].Info); typ != elf.STT_FUNC {
		return fail("__modinit__ is %v, want STT_FUNC", typ)
	}
	var top uint64
	for _, p := range f.Progs {
		switch p.Type {
		case elf.PT_LOAD:
			top = max(top, p.Vaddr+p.Memsz)
		case elf.PT_TLS, elf.PT_INTERP:
			// The firmware has no thread-local storage and no interpreter.
			return fail("has a %v segment, which the firmware does not support", p.Type)
		}
	}
	bss, end, guard := defined["__bss_start"].Value, defined["_end"].Value, defined["_sstack_guard"].Value
	switch {
	case guard%pageSize != 0:
		return fail("_sstack_guard %#x is not page-aligned", guard)
	case guard < top:
		return fail("_sstack_guard %#x is below the end of the image %#x", guard, top)
	case bss > end || end > guard:
		return fail("want __bss_start (%#x) <= _end (%#x) <= _sstack_guard (%#x)", bss, end, guard)
	}

	// Relocations, read through the dynamic tags as the loader does.
	allowed := dynRelocs[t.Machine]
	for _, table := range []struct{ addr, size elf.DynTag }{{elf.DT_RELA, elf.DT_RELASZ}, {elf.DT_JMPREL, elf.DT_PLTRELSZ}} {
		relocs, err := imageBytes(f, data, one(table.addr), one(table.size))
		if err != nil {
			return fail("%v: %v", table.addr, err)
		}
		if len(relocs)%12 != 0 {
			return fail("%v size %d is not a multiple of 12", table.addr, len(relocs))
		}
		for i := 0; i < len(relocs); i += 12 {
			info := binary.LittleEndian.Uint32(relocs[i+4:])
			typ, sym := info&0xff, info>>8
			if _, ok := allowed[typ]; !ok {
				return fail("relocation type %d at %#x (in %v) is not one the firmware applies (%s)",
					typ, binary.LittleEndian.Uint32(relocs[i:]), table.addr, allowedNames(allowed))
			}
			if int(sym) > len(dyn) {
				return fail("relocation at %#x names dynamic symbol %d of %d",
					binary.LittleEndian.Uint32(relocs[i:]), sym, len(dyn))
			}
		}
	}
	return nil
}

// imageBytes returns the file bytes that hold [addr, addr+size) of the
// loaded image.
func imageBytes(f *elf.File, data []byte, addr, size uint64) ([]byte, error) {
	if size == 0 {
		return nil, nil
	}
	for _, p := range f.Progs {
		if p.Type != elf.PT_LOAD || addr < p.Vaddr || addr+size > p.Vaddr+p.Filesz {
			continue
		}
		off := p.Off + (addr - p.Vaddr)
		if off+size > uint64(len(data)) {
			break
		}
		return data[off : off+size], nil
	}
	return nil, fmt.Errorf("[%#x, %#x) is not in a loaded segment", addr, addr+size)
}

func allowedNames(m map[uint32]string) string {
	var names []string
	for _, n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}
