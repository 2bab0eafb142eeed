package snapshot

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
)

const header = "artiq-snapshot 1"

// Encode returns the canonical text of s: the header, the entry, then
// every object in id order, each followed by its attributes in name order;
// one line each, "\n"-terminated. See docs/snapshot.md.
func (s *Snapshot) Encode() []byte {
	var b bytes.Buffer
	b.WriteString(header + "\n")
	fmt.Fprintf(&b, "entry %s.%s\n", s.Entry.Object, s.Entry.Method)
	for i, a := range s.Entry.Args {
		fmt.Fprintf(&b, "entry-arg %d %s %s\n", i, a.Type, a)
	}
	for _, id := range s.ObjectIDs() {
		o := s.Objects[id]
		fmt.Fprintf(&b, "object %s %s\n", id, o.Class)
		for _, n := range o.AttrNames() {
			writeAttr(&b, "attr", id+"."+n, o.Attrs[n], true)
		}
	}
	return b.Bytes()
}

func writeAttr(b *bytes.Buffer, kw, key string, a *Attr, withValue bool) {
	b.WriteString(kw)
	b.WriteByte(' ')
	b.WriteString(key)
	if a.Invariant {
		b.WriteString(" invariant")
	}
	b.WriteByte(' ')
	b.WriteString(a.Value.Type.String())
	if withValue {
		b.WriteByte(' ')
		b.WriteString(a.Value.String())
	}
	b.WriteByte('\n')
}

// Read reads, decodes and validates a snapshot file.
func Read(path string) (*Snapshot, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Decode(path, data)
}

// Decode parses and validates a snapshot. filename is used in errors.
func Decode(filename string, data []byte) (*Snapshot, error) {
	s, err := decode(filename, data)
	if err != nil {
		return nil, err
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return s, nil
}

// lineReader splits a snapshot or slice file into lines and reports
// errors at the line and column of the offending field.
type lineReader struct {
	file  string
	lines []string
	n     int // current line, 1-based
}

func newLineReader(file string, data []byte) (*lineReader, error) {
	text := string(data)
	if !strings.HasSuffix(text, "\n") {
		if text == "" {
			return nil, &Error{Pos: Pos{File: file, Line: 1, Col: 1}, Msg: "empty file"}
		}
		n := strings.Count(text, "\n") + 1
		return nil, &Error{Pos: Pos{File: file, Line: n, Col: 1}, Msg: "the last line has no newline"}
	}
	return &lineReader{file: file, lines: strings.Split(strings.TrimSuffix(text, "\n"), "\n")}, nil
}

func (r *lineReader) errAt(col int, format string, args ...interface{}) *Error {
	return &Error{Pos: Pos{File: r.file, Line: r.n, Col: col}, Msg: fmt.Sprintf(format, args...)}
}

// fields splits a line at single spaces into at most n fields, returning
// each field's 1-based column too.
func splitFields(line string, n int) ([]string, []int) {
	var fs []string
	var cols []int
	col := 1
	for len(fs) < n-1 {
		i := strings.IndexByte(line, ' ')
		if i < 0 {
			break
		}
		fs = append(fs, line[:i])
		cols = append(cols, col)
		col += i + 1
		line = line[i+1:]
	}
	fs = append(fs, line)
	cols = append(cols, col)
	return fs, cols
}

// splitKey splits "obj.attr" at its last dot.
func splitKey(key string) (string, string, bool) {
	i := strings.LastIndexByte(key, '.')
	if i <= 0 || !isObjectID(key[:i]) || !isIdent(key[i+1:]) {
		return "", "", false
	}
	return key[:i], key[i+1:], true
}

// parseAttrLine parses "KEY [invariant ]TYPE[ VALUE]" (the part after the keyword).
func (r *lineReader) parseAttrRest(line string, col int, withValue bool) (key string, a *Attr, err error) {
	fs, cols := splitFields(line, 2)
	key = fs[0]
	if len(fs) < 2 {
		return "", nil, r.errAt(col, "want KEY [invariant] TYPE%s", map[bool]string{true: " VALUE"}[withValue])
	}
	rest, rcol := fs[1], col+cols[1]-1
	a = &Attr{Origin: Pos{File: r.file, Line: r.n, Col: col}}
	if strings.HasPrefix(rest, "invariant ") {
		a.Invariant = true
		rest = rest[len("invariant "):]
		rcol += len("invariant ")
	}
	tf, tcols := splitFields(rest, 2)
	t, terr := ParseType(tf[0])
	if terr != nil {
		return "", nil, r.errAt(rcol, "%s: %v", key, terr)
	}
	if !withValue {
		if len(tf) > 1 {
			return "", nil, r.errAt(rcol+tcols[1]-1, "%s: junk after the type", key)
		}
		a.Value = Value{Type: t}
		return key, a, nil
	}
	if len(tf) < 2 {
		return "", nil, r.errAt(rcol, "%s: want a value after the type", key)
	}
	v, verr := ParseValue(t, tf[1])
	if verr != nil {
		return "", nil, r.errAt(rcol+tcols[1]-1, "%s: %v", key, verr)
	}
	a.Value = v
	return key, a, nil
}

func decode(filename string, data []byte) (*Snapshot, error) {
	r, err := newLineReader(filename, data)
	if err != nil {
		return nil, err
	}
	s := New()
	haveEntry := false
	for i, line := range r.lines {
		r.n = i + 1
		if i == 0 {
			if line != header {
				if strings.HasPrefix(line, "artiq-snapshot ") {
					return nil, r.errAt(16, "unsupported snapshot format version %q (this tool reads %d)", line[15:], Version)
				}
				return nil, r.errAt(1, "not a snapshot: the first line must be %q", header)
			}
			continue
		}
		fs, cols := splitFields(line, 2)
		if len(fs) < 2 {
			return nil, r.errAt(1, "want KEYWORD FIELDS, got %q", clip(line))
		}
		rest, col := fs[1], cols[1]
		switch fs[0] {
		case "entry":
			if haveEntry {
				return nil, r.errAt(1, "a second entry line")
			}
			obj, m, ok := splitKey(rest)
			if !ok {
				return nil, r.errAt(col, "want entry OBJECT.METHOD, got %q", rest)
			}
			haveEntry = true
			s.Entry = Entry{Object: obj, Method: m, Origin: Pos{File: filename, Line: r.n, Col: col}}
		case "entry-arg":
			f, c := splitFields(rest, 3)
			if len(f) < 3 {
				return nil, r.errAt(col, "want entry-arg INDEX TYPE VALUE")
			}
			idx, err := strconv.Atoi(f[0])
			if err != nil || idx != len(s.Entry.Args) || !haveEntry {
				return nil, r.errAt(col, "entry-arg %s: want index %d after the entry line", f[0], len(s.Entry.Args))
			}
			t, err := ParseType(f[1])
			if err != nil {
				return nil, r.errAt(col+c[1]-1, "entry-arg %d: %v", idx, err)
			}
			v, err := ParseValue(t, f[2])
			if err != nil {
				return nil, r.errAt(col+c[2]-1, "entry-arg %d: %v", idx, err)
			}
			s.Entry.Args = append(s.Entry.Args, v)
		case "object":
			f, c := splitFields(rest, 2)
			if len(f) < 2 {
				return nil, r.errAt(col, "want object ID CLASS")
			}
			if !isObjectID(f[0]) {
				return nil, r.errAt(col, "bad object id %q", f[0])
			}
			if s.Objects[f[0]] != nil {
				return nil, r.errAt(col, "object %s appears twice", f[0])
			}
			if !isClassName(f[1]) {
				return nil, r.errAt(col+c[1]-1, "object %s: bad class name %q", f[0], f[1])
			}
			s.AddObject(f[0], f[1], Pos{File: filename, Line: r.n, Col: col})
		case "attr":
			key, a, err := r.parseAttrRest(rest, col, true)
			if err != nil {
				return nil, err
			}
			obj, name, ok := splitKey(key)
			if !ok {
				return nil, r.errAt(col, "bad attribute key %q (want OBJECT.NAME)", key)
			}
			o := s.Objects[obj]
			if o == nil {
				return nil, r.errAt(col, "attribute %s of object %s, which has no object line before it", key, obj)
			}
			if o.Attrs[name] != nil {
				return nil, r.errAt(col, "attribute %s appears twice", key)
			}
			a.Name = name
			o.Attrs[name] = a
		default:
			return nil, r.errAt(1, "unknown line kind %q", fs[0])
		}
	}
	if !haveEntry {
		return nil, &Error{Pos: Pos{File: filename, Line: 1, Col: 1}, Msg: "no entry line"}
	}
	return s, nil
}

// Check decodes and validates a snapshot and checks that it is in
// canonical form (re-encoding it gives the same bytes).
func Check(filename string, data []byte) (*Snapshot, error) {
	s, err := Decode(filename, data)
	if err != nil {
		return nil, err
	}
	if enc := s.Encode(); !bytes.Equal(enc, data) {
		got := strings.Split(string(data), "\n")
		want := strings.Split(string(enc), "\n")
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		w := ""
		if i < len(want) {
			w = want[i]
		}
		return nil, &Error{Pos: Pos{File: filename, Line: i + 1, Col: 1},
			Msg: fmt.Sprintf("not in canonical form: want %q here", clip(w))}
	}
	return s, nil
}
