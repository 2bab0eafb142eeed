package object

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

// EncodeArchive returns the GNU archive of members, with a symbol index
// for the linker. The bytes are exactly what `llvm-ar --format=gnu rcsD`
// writes for the same members (zero time, uid and gid, mode 644); writing
// them here instead of running llvm-ar saves a process per compile, about
// a third of a KernelCompile action.
func EncodeArchive(members []Member) ([]byte, error) {
	if err := checkMembers(members); err != nil {
		return nil, err
	}
	// Long names: GNU keeps names of 16 bytes or more in the "//" member,
	// each ending in "/\n", padded to an even size with '\n'.
	var names bytes.Buffer
	field := make([]string, len(members))
	for i, m := range members {
		if len(m.Name) < 16 {
			field[i] = m.Name + "/"
			continue
		}
		field[i] = "/" + strconv.Itoa(names.Len())
		names.WriteString(m.Name + "/\n")
	}
	if names.Len()%2 == 1 {
		names.WriteByte('\n')
	}

	// The symbol index lists each member's defined global symbols with the
	// offset of the member's header, so the index's own size comes first.
	type symbol struct {
		name   string
		member int
	}
	var syms []symbol
	symBytes := 0
	objects := 0
	for i, m := range members {
		if bytes.HasPrefix(m.Data, []byte(elf.ELFMAG)) {
			objects++
		}
		ss, err := definedGlobals(m)
		if err != nil {
			return nil, err
		}
		for _, s := range ss {
			syms = append(syms, symbol{s, i})
			symBytes += len(s) + 1
		}
	}
	// Like llvm-ar: no index when no member is an object, and an index of
	// 8 zero bytes when the objects define nothing.
	indexSize := 4 + 4*len(syms) + symBytes
	indexSize += indexSize % 2
	if len(syms) == 0 {
		indexSize = 8
	}
	off := len(arMagic)
	if objects > 0 {
		off += arHeaderLen + indexSize
	}
	if names.Len() > 0 {
		off += arHeaderLen + names.Len()
	}
	offsets := make([]int, len(members))
	for i, m := range members {
		offsets[i] = off
		off += arHeaderLen + len(m.Data) + len(m.Data)%2
	}
	if off > 1<<32-1 {
		return nil, fmt.Errorf("archive of %d bytes is too large for a 32-bit symbol index", off)
	}

	out := bytes.NewBuffer(make([]byte, 0, off))
	out.WriteString(arMagic)
	if objects > 0 {
		index := make([]byte, 4, indexSize)
		binary.BigEndian.PutUint32(index, uint32(len(syms)))
		for _, s := range syms {
			index = binary.BigEndian.AppendUint32(index, uint32(offsets[s.member]))
		}
		for _, s := range syms {
			index = append(append(index, s.name...), 0)
		}
		index = append(index, make([]byte, indexSize-len(index))...)
		writeHeader(out, "/", "0", indexSize)
		out.Write(index)
	}
	if names.Len() > 0 {
		// The name table's header has no time, owner or mode fields.
		fmt.Fprintf(out, "%-48s%-10d`\n", "//", names.Len())
		out.Write(names.Bytes())
	}
	for i, m := range members {
		writeHeader(out, field[i], "644", len(m.Data))
		out.Write(m.Data)
		if len(m.Data)%2 == 1 {
			out.WriteByte('\n')
		}
	}
	return out.Bytes(), nil
}

// writeHeader writes a member header with zero time, uid and gid.
func writeHeader(out *bytes.Buffer, name, mode string, size int) {
	fmt.Fprintf(out, "%-16s%-12s%-6s%-6s%-8s%-10d`\n", name, "0", "0", "0", mode, size)
}

// definedGlobals lists the symbols an ELF member defines for other objects
// to use, in symbol-table order, as llvm-ar indexes them. Members that are
// not ELF objects (the manifest) define nothing.
func definedGlobals(m Member) ([]string, error) {
	if !bytes.HasPrefix(m.Data, []byte(elf.ELFMAG)) {
		return nil, nil
	}
	f, err := elf.NewFile(bytes.NewReader(m.Data))
	if err != nil {
		return nil, fmt.Errorf("archive member %s: %v", m.Name, err)
	}
	syms, err := f.Symbols()
	if err == elf.ErrNoSymbols {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("archive member %s: %v", m.Name, err)
	}
	var out []string
	for _, s := range syms {
		bind, typ := elf.ST_BIND(s.Info), elf.ST_TYPE(s.Info)
		if bind != elf.STB_GLOBAL && bind != elf.STB_WEAK && bind != elf.STB_LOOS {
			continue
		}
		if s.Section == elf.SHN_UNDEF || typ == elf.STT_FILE || typ == elf.STT_SECTION || s.Name == "" {
			continue
		}
		out = append(out, s.Name)
	}
	return out, nil
}

// checkMembers rejects what would make an archive ambiguous or unreadable.
func checkMembers(members []Member) error {
	if len(members) == 0 {
		return fmt.Errorf("no members")
	}
	seen := map[string]bool{}
	for _, m := range members {
		if m.Name == "" || m.Name == "." || m.Name == ".." || strings.ContainsAny(m.Name, "/\\\n") {
			return fmt.Errorf("bad member name %q", m.Name)
		}
		if seen[m.Name] {
			return fmt.Errorf("duplicate member %q", m.Name)
		}
		seen[m.Name] = true
	}
	return nil
}
