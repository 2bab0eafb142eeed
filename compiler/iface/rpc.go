package iface

import (
	"fmt"
	"strings"
)

// RPC is a host method of one of the module's host classes (undecorated,
// @rpc, @staticmethod or @classmethod, or one of ARTIQ's environment
// methods such as set_dataset): what a kernel of another module needs to
// call it as a remote procedure call.
//
//	rpc Detection.record(n: ?, label: str = ..., *, flush: bool = ...) -> None
//	rpc async Detection.log(values: list[int32]) -> None
//	rpc static Detection.table(key: ?) -> int32
//
// Types are written as elsewhere in the interface; `?` is an unannotated
// parameter (the argument's own type is sent), `= ...` a parameter with a
// default (defaults are applied by the host), a bare `*` starts the
// keyword-only parameters, `*name`/`**name` are Python's variadic ones.
type RPC struct {
	Name   string // Class.method
	Async  bool   // @rpc(flags={"async"}): the kernel does not wait
	Static bool   // @staticmethod/@classmethod: no object is sent
	Params []RPCParam
	Result string
}

// RPCParam is one parameter of an RPC (after self).
type RPCParam struct {
	Name       string
	Type       string // "" when unannotated
	HasDefault bool
	KwOnly     bool
	VarArgs    bool // *name
	VarKw      bool // **name
}

func (r *RPC) encode() string {
	var b strings.Builder
	b.WriteString("rpc ")
	if r.Async {
		b.WriteString("async ")
	}
	if r.Static {
		b.WriteString("static ")
	}
	b.WriteString(r.Name)
	b.WriteByte('(')
	star := false
	for i, p := range r.Params {
		if i > 0 {
			b.WriteString(", ")
		}
		switch {
		case p.VarArgs:
			b.WriteString("*" + p.Name)
			star = true
			continue
		case p.VarKw:
			b.WriteString("**" + p.Name)
			continue
		case p.KwOnly && !star:
			b.WriteString("*, ")
			star = true
		}
		t := p.Type
		if t == "" {
			t = "?"
		}
		b.WriteString(p.Name + ": " + t)
		if p.HasDefault {
			b.WriteString(" = ...")
		}
	}
	b.WriteString(") -> ")
	b.WriteString(r.Result)
	return b.String()
}

func decodeRPC(line string) (*RPC, error) {
	rest := strings.TrimPrefix(line, "rpc ")
	r := &RPC{}
	for {
		switch {
		case strings.HasPrefix(rest, "async "):
			r.Async, rest = true, rest[len("async "):]
			continue
		case strings.HasPrefix(rest, "static "):
			r.Static, rest = true, rest[len("static "):]
			continue
		}
		break
	}
	f, err := parseSignatureWith(rest, func(part string) (Param, error) { return Param{Name: part}, nil })
	if err != nil {
		return nil, err
	}
	r.Name, r.Result = f.Name, f.Result
	kw := false
	for _, part := range f.Params {
		s := part.Name
		switch {
		case s == "*":
			kw = true
			continue
		case strings.HasPrefix(s, "**"):
			r.Params = append(r.Params, RPCParam{Name: s[2:], VarKw: true})
			continue
		case strings.HasPrefix(s, "*"):
			r.Params = append(r.Params, RPCParam{Name: s[1:], VarArgs: true})
			kw = true
			continue
		}
		nameType, def, hasDef := strings.Cut(s, " = ")
		name, typ, ok := strings.Cut(nameType, ": ")
		if !ok || hasDef && def != "..." {
			return nil, fmt.Errorf("bad RPC parameter %q", s)
		}
		if typ == "?" {
			typ = ""
		}
		r.Params = append(r.Params, RPCParam{Name: name, Type: typ, HasDefault: hasDef, KwOnly: kw})
	}
	return r, nil
}

// LookupRPC returns the RPC record of name (Class.method), or nil.
func (it *Interface) LookupRPC(name string) *RPC {
	for _, r := range it.RPCs {
		if r.Name == name {
			return r
		}
	}
	return nil
}
