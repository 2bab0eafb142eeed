// Package types resolves names and infers types for one kernel module. Its
// result (Info) is what the interface writer and the IR lowering read.
//
// Inference is unification over type variables: every expression gets a
// type, possibly a variable, and constraints between them are solved as
// they are met. Integer literals are variables restricted to the integer
// types, which default to int32 when nothing else constrains them, so that
// `delay_mu(100)` passes an int64 without a cast, as in ARTIQ.
package types

import (
	"fmt"
	"strings"
)

// Type is a kernel-language type.
type Type interface {
	String() string
}

// Kind enumerates the basic types.
type Kind int

const (
	Int32 Kind = iota + 1
	Int64
	Float
	Bool
	NoneKind
	Str
	ExceptionKind
	Bytes     // immutable bytes, {i8*, i32} like str (bytes.go)
	ByteArray // mutable bytearray: its bytes are shared like a list's
)

// Basic is a scalar type.
type Basic struct{ Kind Kind }

var (
	TInt32 = &Basic{Int32}
	TInt64 = &Basic{Int64}
	TFloat = &Basic{Float}
	TBool  = &Basic{Bool}
	TNone  = &Basic{NoneKind}
	TStr   = &Basic{Str}

	TBytes     = &Basic{Bytes}
	TByteArray = &Basic{ByteArray}
)

func (b *Basic) String() string {
	switch b.Kind {
	case Int32:
		return "int32"
	case Int64:
		return "int64"
	case Float:
		return "float"
	case Bool:
		return "bool"
	case NoneKind:
		return "None"
	case Str:
		return "str"
	case ExceptionKind:
		return "Exception"
	case Bytes:
		return "bytes"
	case ByteArray:
		return "bytearray"
	}
	return "?"
}

// Param is one parameter of a function type.
type Param struct {
	Name string
	Type Type
	// Default is the constant default value, or nil.
	Default *Const
	// KwOnly marks a keyword-only parameter (after a bare * or *args).
	KwOnly bool
	// badDefault marks a default that was reported as not a constant:
	// calls that omit the argument are not reported again.
	badDefault bool
	// Free is set on an unannotated parameter of a kernel function or
	// method: when it is an integer, a call passes an integer of either
	// width, converted (ARTIQ's drivers pass int64 registers to int32
	// parameters that nothing declared: `bus.write(cfg_reg << 8)`).
	Free bool
}

// Func is a function type.
type Func struct {
	Params []Param
	Result Type
}

func (f *Func) String() string {
	var b strings.Builder
	b.WriteString("(")
	for i, p := range f.Params {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s: %s", p.Name, p.Type)
	}
	fmt.Fprintf(&b, ") -> %s", f.Result)
	return b.String()
}

// Var is a type variable. Once bound, it stands for what it is bound to.
type Var struct {
	id    int
	ref   Type
	isInt bool // only integer types may be bound (an integer literal)
	// isNum: only numbers may be bound (int32, int64 or float). An
	// unannotated parameter becomes numeric when arithmetic meets an
	// integer literal (`turns*0x10000`): ARTIQ coerces the literal, so the
	// parameter may still be a float (round() then makes it one).
	isNum bool
	// wide: a number that met an int64 in arithmetic (`2**acc_width *
	// frequency`): if nothing makes it a float or an int32, it is an
	// int64.
	wide bool
}

func (v *Var) String() string {
	if v.ref != nil {
		return v.ref.String()
	}
	if v.isInt || v.isNum {
		return "int32"
	}
	return fmt.Sprintf("'t%d", v.id)
}

// Resolve follows bound variables to the type they stand for.
func Resolve(t Type) Type {
	for {
		v, ok := t.(*Var)
		if !ok || v.ref == nil {
			return t
		}
		t = v.ref
	}
}

// Final resolves t and defaults unconstrained integer variables to int32.
// Unconstrained other variables stay variables (the checker reports them).
func Final(t Type) Type {
	t = Resolve(t)
	switch t := t.(type) {
	case *Var:
		if t.isNum && t.wide && !t.isInt {
			t.ref = TInt64
			return TInt64
		}
		if t.isInt || t.isNum {
			t.ref = TInt32
			return TInt32
		}
	case *Func:
		for i := range t.Params {
			t.Params[i].Type = Final(t.Params[i].Type)
		}
		t.Result = Final(t.Result)
	default:
		finalComposite(t)
	}
	return t
}

// IsInt reports whether t is int32 or int64 (or an integer literal).
func IsInt(t Type) bool {
	switch t := Resolve(t).(type) {
	case *Basic:
		return t.Kind == Int32 || t.Kind == Int64
	case *Var:
		return t.isInt
	}
	return false
}

// IsNumeric reports whether t is an integer or float (or a numeric variable).
func IsNumeric(t Type) bool {
	if v, ok := Resolve(t).(*Var); ok && v.isNum {
		return true
	}
	return IsInt(t) || Is(t, Float)
}

// isNumVar reports whether t is a numeric variable (int or float, not yet known).
func isNumVar(t Type) bool {
	v, ok := Resolve(t).(*Var)
	return ok && v.isNum && !v.isInt
}

// isFreeVar reports whether t is a variable without any restriction.
func isFreeVar(t Type) bool {
	v, ok := Resolve(t).(*Var)
	return ok && !v.isNum && !v.isInt
}

// isIntLiteral reports whether t is an integer variable (an integer
// literal's type, not yet int32 or int64).
func isIntLiteral(t Type) bool {
	v, ok := Resolve(t).(*Var)
	return ok && v.isInt
}

// Is reports whether t resolves to the basic kind k.
func Is(t Type, k Kind) bool {
	b, ok := Resolve(t).(*Basic)
	return ok && b.Kind == k
}

// unify makes a and b the same type, or reports why not.
func unify(a, b Type) bool {
	a, b = Resolve(a), Resolve(b)
	if a == b {
		return true
	}
	if va, ok := a.(*Var); ok {
		return bindVar(va, b)
	}
	if vb, ok := b.(*Var); ok {
		return bindVar(vb, a)
	}
	if ok, handled := unifyComposite(a, b); handled {
		return ok
	}
	switch a := a.(type) {
	case *Basic:
		bb, ok := b.(*Basic)
		return ok && a.Kind == bb.Kind
	case *Func:
		bf, ok := b.(*Func)
		if !ok || len(a.Params) != len(bf.Params) {
			return false
		}
		for i := range a.Params {
			if !unify(a.Params[i].Type, bf.Params[i].Type) {
				return false
			}
		}
		return unify(a.Result, bf.Result)
	}
	return false
}

func bindVar(v *Var, t Type) bool {
	if tv, ok := t.(*Var); ok {
		// Keep the integer restriction on whichever variable survives.
		if v.isInt {
			tv.isInt = true
		}
		if v.isNum {
			tv.isNum = true
		}
		if v.wide {
			tv.wide = true
		}
		v.ref = tv
		return true
	}
	if v.isInt && !IsInt(t) {
		return false
	}
	if v.isNum && !IsNumeric(t) {
		return false
	}
	if occurs(v, t) {
		return false
	}
	v.ref = t
	return true
}

func occurs(v *Var, t Type) bool {
	if occursComposite(v, Resolve(t)) {
		return true
	}
	switch t := Resolve(t).(type) {
	case *Var:
		return t == v
	case *Func:
		for _, p := range t.Params {
			if occurs(v, p.Type) {
				return true
			}
		}
		return occurs(v, t.Result)
	}
	return false
}

// Const is a compile-time constant value: module constants and defaults.
type Const struct {
	Type  Type
	Int   int64 // int32, int64 and bool (0/1)
	Float float64
	Str   string
}

// String formats the constant canonically (used in interface files).
func (c *Const) String() string {
	switch t := Resolve(c.Type).(type) {
	case *Basic:
		switch t.Kind {
		case Int32, Int64:
			return fmt.Sprint(c.Int)
		case Bool:
			if c.Int != 0 {
				return "True"
			}
			return "False"
		case Float:
			return FormatFloat(c.Float)
		case NoneKind:
			return "None"
		case Str:
			return fmt.Sprintf("%q", c.Str)
		}
	}
	return "?"
}
