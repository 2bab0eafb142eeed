package iface

import (
	"fmt"
	"strconv"
	"strings"
)

// Broken is a kernel method of the module that cannot be compiled: it
// reaches host code, or its body has an error. Driver methods are compiled
// whether or not a kernel calls them, so their errors are not errors of
// the module: they become errors of the kernels that reach them, through
// this record (importers name the kernel, the call chain and the cause).
//
//	broken TTLOut.pulse host "calls" "TTLOut.set_config" "host code" "decorate it with @kernel" "TTLOut.helper"
//	broken TTLOut.read error "type mismatch: expected int32, found str" ""
//	broken TTLOut.pulse2 error "type mismatch: expected int32, found str" "TTLOut.read" "TTLOut.helper"
//
// The fields are Go-quoted strings: for `host`, the verb, the host-only
// thing, what it is, a hint, then the functions of the module it is
// reached through (the chain after Name); for `error`, the first error's
// message, the function that has it ("" for Name itself), then the chain
// to it. No positions: a body edit that keeps the error keeps the line.
type Broken struct {
	Name string
	// Host is set when the method reaches host code.
	Host *HostReach
	// Error is otherwise the first error of the function Fault ("" when it
	// is Name itself).
	Error, Fault string
	// Via are the functions of the module between Name and the host code
	// or Fault, in call order.
	Via []string
}

// HostReach is a host-only thing that kernel code reaches.
type HostReach struct {
	Verb  string // "calls" or "uses"
	Thing string // what is reached: "TTLOut.set_config", "logger"
	What  string // what it is: "host code", "host code (a module-level value that is not a constant)"
	Hint  string
}

func (b *Broken) encode() string {
	var sb strings.Builder
	sb.WriteString("broken ")
	sb.WriteString(b.Name)
	if b.Host != nil {
		sb.WriteString(" host")
		for _, f := range []string{b.Host.Verb, b.Host.Thing, b.Host.What, b.Host.Hint} {
			sb.WriteByte(' ')
			sb.WriteString(strconv.Quote(f))
		}
		for _, v := range b.Via {
			sb.WriteByte(' ')
			sb.WriteString(strconv.Quote(v))
		}
		return sb.String()
	}
	sb.WriteString(" error ")
	sb.WriteString(strconv.Quote(b.Error))
	sb.WriteByte(' ')
	sb.WriteString(strconv.Quote(b.Fault))
	for _, v := range b.Via {
		sb.WriteByte(' ')
		sb.WriteString(strconv.Quote(v))
	}
	return sb.String()
}

func decodeBroken(line string) (*Broken, error) {
	rest := strings.TrimPrefix(line, "broken ")
	name, rest, ok := strings.Cut(rest, " ")
	if !ok || name == "" {
		return nil, fmt.Errorf("want 'broken NAME host|error ...'")
	}
	kind, rest, _ := strings.Cut(rest, " ")
	var fields []string
	for rest != "" {
		q, err := strconv.QuotedPrefix(rest)
		if err != nil {
			return nil, fmt.Errorf("bad field in broken record of %s: %v", name, err)
		}
		s, _ := strconv.Unquote(q)
		fields = append(fields, s)
		rest = strings.TrimPrefix(rest[len(q):], " ")
	}
	b := &Broken{Name: name}
	switch {
	case kind == "host" && len(fields) >= 4:
		b.Host = &HostReach{Verb: fields[0], Thing: fields[1], What: fields[2], Hint: fields[3]}
		b.Via = fields[4:]
	case kind == "error" && len(fields) >= 2:
		b.Error, b.Fault = fields[0], fields[1]
		b.Via = fields[2:]
	default:
		return nil, fmt.Errorf("bad broken record of %s", name)
	}
	return b, nil
}

// LookupBroken returns the broken record of name, or nil.
func (it *Interface) LookupBroken(name string) *Broken {
	for _, b := range it.Broken {
		if b.Name == name {
			return b
		}
	}
	return nil
}
