package object

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/rules-artiq/rules_artiq/internal/atomicfile"
)

// Member is one file inside an archive.
type Member struct {
	// Name is the member name: a plain file name, no directories.
	Name string
	Data []byte
}

// Archive is a parsed `!<arch>` file.
type Archive struct {
	// Path is the path the archive was read from, for messages.
	Path string
	// Members are the archive's files in archive order, without the
	// symbol table and the long-name table.
	Members []Member
	// Manifest is the parsed __kernel_manifest member, or nil for an
	// archive that has none (such as the support library).
	Manifest *Manifest
}

// Member returns the first member with the given name.
func (a *Archive) Member(name string) (*Member, bool) {
	for i := range a.Members {
		if a.Members[i].Name == name {
			return &a.Members[i], true
		}
	}
	return nil, false
}

// Object returns the module object of a kernel archive.
func (a *Archive) Object() []byte {
	if a.Manifest == nil {
		return nil
	}
	if m, ok := a.Member(MemberName(a.Manifest.Module)); ok {
		return m.Data
	}
	return nil
}

const (
	arMagic     = "!<arch>\n"
	arThinMagic = "!<thin>\n"
	arHeaderLen = 60
)

// ReadArchive reads a GNU/SysV archive (the format llvm-ar writes on
// Linux) in pure Go. When the archive has a __kernel_manifest member it
// is parsed, and the archive must then hold exactly the module object and
// the manifest: anything else means it was not written by WriteArchive.
func ReadArchive(path string) (*Archive, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return parseArchive(path, data)
}

func parseArchive(path string, data []byte) (*Archive, error) {
	if bytes.HasPrefix(data, []byte(arThinMagic)) {
		return nil, fmt.Errorf("%s: thin archives are not supported", path)
	}
	if !bytes.HasPrefix(data, []byte(arMagic)) {
		return nil, fmt.Errorf("%s: not an archive (missing !<arch> magic)", path)
	}
	a := &Archive{Path: path}
	var longNames []byte
	var manifestData []byte
	manifests := 0
	off := len(arMagic)
	for off < len(data) {
		if len(data)-off < arHeaderLen {
			return nil, fmt.Errorf("%s: truncated member header at offset %d", path, off)
		}
		hdr := data[off : off+arHeaderLen]
		if string(hdr[58:60]) != "`\n" {
			return nil, fmt.Errorf("%s: bad member header at offset %d", path, off)
		}
		rawName := strings.TrimRight(string(hdr[0:16]), " ")
		sizeField := strings.TrimRight(string(hdr[48:58]), " ")
		size, err := strconv.ParseUint(sizeField, 10, 63)
		if err != nil {
			return nil, fmt.Errorf("%s: bad member size %q at offset %d", path, sizeField, off)
		}
		start := off + arHeaderLen
		if uint64(len(data)-start) < size {
			return nil, fmt.Errorf("%s: member at offset %d runs past the end of the file", path, off)
		}
		body := data[start : start+int(size)]
		// Members start on even offsets; the pad byte is not counted.
		off = start + int(size) + int(size&1)

		var name string
		switch {
		case rawName == "/" || rawName == "/SYM64/":
			continue // symbol table: lld reads it, we do not need it
		case rawName == "//":
			longNames = body
			continue
		case strings.HasPrefix(rawName, "#1/"):
			return nil, fmt.Errorf("%s: BSD archive member names are not supported", path)
		case strings.HasPrefix(rawName, "/"):
			name, err = longName(longNames, rawName[1:])
			if err != nil {
				return nil, fmt.Errorf("%s: member at offset %d: %v", path, start-arHeaderLen, err)
			}
		case strings.HasSuffix(rawName, "/") && len(rawName) > 1:
			name = strings.TrimSuffix(rawName, "/")
		default:
			return nil, fmt.Errorf("%s: member name %q is not in GNU format", path, rawName)
		}
		if name == ManifestMember {
			manifests++
			manifestData = body
		}
		a.Members = append(a.Members, Member{Name: name, Data: body})
	}
	if manifests == 0 {
		return a, nil
	}
	if manifests > 1 {
		return nil, fmt.Errorf("%s: %d %s members", path, manifests, ManifestMember)
	}
	m, err := ParseManifest(manifestData)
	if err != nil {
		return nil, fmt.Errorf("%s: %s: %w", path, ManifestMember, err)
	}
	a.Manifest = m
	obj := MemberName(m.Module)
	for _, mem := range a.Members {
		if mem.Name != obj && mem.Name != ManifestMember {
			return nil, fmt.Errorf("%s: unexpected member %q in the archive of module %s", path, mem.Name, m.Module)
		}
	}
	if len(a.Members) != 2 {
		return nil, fmt.Errorf("%s: archive of module %s must hold exactly %s and %s", path, m.Module, obj, ManifestMember)
	}
	return a, nil
}

// longName resolves a GNU "/<offset>" name against the "//" member,
// whose entries end in "/\n".
func longName(table []byte, offField string) (string, error) {
	if table == nil {
		return "", fmt.Errorf("long member name /%s but no // name table before it", offField)
	}
	o, err := strconv.ParseUint(offField, 10, 31)
	if err != nil || o >= uint64(len(table)) {
		return "", fmt.Errorf("bad long-name offset /%s", offField)
	}
	rest := table[o:]
	end := bytes.IndexByte(rest, '\n')
	if end < 0 {
		return "", fmt.Errorf("unterminated long name at offset %d", o)
	}
	name := strings.TrimSuffix(string(rest[:end]), "/")
	if name == "" {
		return "", fmt.Errorf("empty long name at offset %d", o)
	}
	return name, nil
}

// WriteArchive writes the archive of members (EncodeArchive) to out
// atomically: a reader never sees a partial archive, and on failure out
// is removed rather than left stale.
func WriteArchive(out string, members []Member) error {
	data, err := EncodeArchive(members)
	if err == nil {
		err = atomicfile.Write(out, data, 0o644)
	}
	if err != nil {
		os.Remove(out)
		return fmt.Errorf("archive %s: %w", out, err)
	}
	return nil
}

// ToolError is the failure of an external tool (llc, llvm-ar, ld.lld).
// Callers map it to the "tool failed" exit status rather than "bad input".
type ToolError struct {
	Tool   string
	Stderr string
	Err    error
}

func (e *ToolError) Error() string {
	msg := fmt.Sprintf("%s failed: %v", e.Tool, e.Err)
	if s := strings.TrimSpace(e.Stderr); s != "" {
		msg += "\n" + s
	}
	return msg
}

func (e *ToolError) Unwrap() error { return e.Err }

// IsToolError reports whether err came from a failed external tool.
func IsToolError(err error) bool {
	var te *ToolError
	return errors.As(err, &te)
}
