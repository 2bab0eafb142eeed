// Package iface reads and writes module interface files: what importers of
// a kernel module may see of it, and nothing else.
//
// An interface holds signatures after inference, syscall declarations and
// exported constants, in a canonical text encoding (sorted, fixed number
// formatting, versioned). It holds no bodies, positions, paths or hashes of
// objects, so that an edit to a body, a comment or a private helper leaves
// the file byte-identical and Bazel stops the rebuild there (early cutoff).
package iface

import (
	"bufio"
	"bytes"
	"fmt"
	"sort"
	"strings"
)

// Version is the interface format version written in the header line.
const Version = 1

const header = "kernel-interface"

// Interface is one module's interface.
type Interface struct {
	Module string
	Funcs  []*Func // kernel functions importers may call
	// Statics are the static kernel functions of classes (Class.f,
	// @staticmethod @portable): no self parameter.
	Statics  []*Func
	Syscalls []*Func // firmware functions the module declares with @syscall
	Consts   []*Const
	// Broken are kernel methods that cannot be compiled (broken.go).
	Broken []*Broken
	// RPCs are the host methods of host classes (rpc.go).
	RPCs []*RPC
}

// Func is a function signature. Types are written in annotation syntax
// (int32, int64, float, bool, str, bytes, bytearray, None, list[T],
// tuple[T1, T2], array[T, n]).
type Func struct {
	Name   string
	Params []Param
	Result string
}

// Param is one parameter; Default is the canonical text of a constant
// default value, or "" when the parameter has none. Free marks an
// unannotated integer parameter, which takes an integer of either width
// (written `~int32`).
type Param struct {
	Name    string
	Type    string
	Default string
	Free    bool
}

// Const is an exported module constant.
type Const struct {
	Name  string
	Type  string
	Value string
}

func (f *Func) signature() string {
	var b strings.Builder
	b.WriteString(f.Name)
	b.WriteByte('(')
	for i, p := range f.Params {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(p.Name)
		b.WriteString(": ")
		if p.Free {
			b.WriteByte('~')
		}
		b.WriteString(p.Type)
		if p.Default != "" {
			b.WriteString(" = ")
			b.WriteString(p.Default)
		}
	}
	b.WriteString(") -> ")
	b.WriteString(f.Result)
	return b.String()
}

// Encode returns the canonical bytes of the interface.
func (it *Interface) Encode() []byte {
	var lines []string
	for _, f := range it.Funcs {
		lines = append(lines, "func "+f.signature())
	}
	for _, f := range it.Statics {
		lines = append(lines, "static "+f.signature())
	}
	for _, f := range it.Syscalls {
		lines = append(lines, "syscall "+f.signature())
	}
	for _, c := range it.Consts {
		lines = append(lines, fmt.Sprintf("const %s: %s = %s", c.Name, c.Type, c.Value))
	}
	for _, b := range it.Broken {
		lines = append(lines, b.encode())
	}
	for _, r := range it.RPCs {
		lines = append(lines, r.encode())
	}
	sort.Strings(lines)
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s %d\nmodule %s\n", header, Version, it.Module)
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// Decode parses an interface file. name is used in error messages.
func Decode(name string, data []byte) (*Interface, error) {
	it := &Interface{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 16*1024*1024) // grows on demand: compiles decode many small interfaces
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		errf := func(format string, args ...interface{}) error {
			return fmt.Errorf("%s:%d: malformed interface: %s", name, n, fmt.Sprintf(format, args...))
		}
		switch {
		case n == 1:
			if line != fmt.Sprintf("%s %d", header, Version) {
				return nil, errf("want header %q, got %q (was it written by another kernelc version?)", fmt.Sprintf("%s %d", header, Version), line)
			}
		case n == 2:
			m, ok := strings.CutPrefix(line, "module ")
			if !ok || m == "" {
				return nil, errf("want 'module NAME'")
			}
			it.Module = m
		case strings.HasPrefix(line, "func "), strings.HasPrefix(line, "syscall "), strings.HasPrefix(line, "static "):
			kw, rest, _ := strings.Cut(line, " ")
			f, err := parseSignature(rest)
			if err != nil {
				return nil, errf("%v", err)
			}
			switch kw {
			case "func":
				it.Funcs = append(it.Funcs, f)
			case "static":
				it.Statics = append(it.Statics, f)
			default:
				it.Syscalls = append(it.Syscalls, f)
			}
		case strings.HasPrefix(line, "const "):
			rest := strings.TrimPrefix(line, "const ")
			nameType, value, ok := strings.Cut(rest, " = ")
			cname, ctype, ok2 := strings.Cut(nameType, ": ")
			if !ok || !ok2 {
				return nil, errf("want 'const NAME: TYPE = VALUE'")
			}
			it.Consts = append(it.Consts, &Const{Name: cname, Type: ctype, Value: value})
		case strings.HasPrefix(line, "rpc "):
			r, err := decodeRPC(line)
			if err != nil {
				return nil, errf("%v", err)
			}
			it.RPCs = append(it.RPCs, r)
		case strings.HasPrefix(line, "broken "):
			b, err := decodeBroken(line)
			if err != nil {
				return nil, errf("%v", err)
			}
			it.Broken = append(it.Broken, b)
		default:
			return nil, errf("unknown record %q", line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if n < 2 {
		return nil, fmt.Errorf("%s: malformed interface: truncated", name)
	}
	return it, nil
}

// parseSignature parses `name(p: T, q: U = 1) -> R`. Types may contain
// brackets and commas (tuple[int32, float]), so commas split only at depth 0.
func parseSignature(s string) (*Func, error) {
	return parseSignatureWith(s, func(p string) (Param, error) {
		nameType, def, _ := strings.Cut(p, " = ")
		pname, ptype, ok := strings.Cut(nameType, ": ")
		if !ok {
			return Param{}, fmt.Errorf("bad parameter %q", p)
		}
		free := strings.HasPrefix(ptype, "~")
		return Param{Name: pname, Type: strings.TrimPrefix(ptype, "~"), Default: def, Free: free}, nil
	})
}

// parseSignatureWith splits a signature and parses each parameter with param.
func parseSignatureWith(s string, param func(string) (Param, error)) (*Func, error) {
	open := strings.IndexByte(s, '(')
	arrow := strings.LastIndex(s, ") -> ")
	if open <= 0 || arrow < open {
		return nil, fmt.Errorf("bad signature %q", s)
	}
	f := &Func{Name: s[:open], Result: s[arrow+len(") -> "):]}
	params := s[open+1 : arrow]
	if params == "" {
		return f, nil
	}
	depth, start := 0, 0
	inStr, esc := false, false
	var parts []string
	for i, r := range params {
		if inStr {
			switch {
			case esc:
				esc = false
			case r == '\\':
				esc = true
			case r == '"':
				inStr = false
			}
			continue
		}
		switch r {
		case '"':
			inStr = true
		case '[', '(':
			depth++
		case ']', ')':
			depth--
		case ',':
			if depth == 0 {
				parts = append(parts, params[start:i])
				start = i + 1
			}
		}
	}
	parts = append(parts, params[start:])
	for _, p := range parts {
		prm, err := param(strings.TrimSpace(p))
		if err != nil {
			return nil, err
		}
		f.Params = append(f.Params, prm)
	}
	return f, nil
}
