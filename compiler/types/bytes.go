package types

import (
	"github.com/rules-artiq/rules_artiq/compiler/syntax"
)

// bytes and bytearray, with Python's semantics: sequences of integers in
// range(0, 256). Both are {i8*, i32} values like str; a bytearray's bytes
// live in the kernel heap and are shared between the names that hold it,
// as a list's elements are. Indexing and iteration give int32; bytes + bytes
// and bytes * n give the left operand's type; == compares the contents of
// either kind; only a bytearray takes item assignment.

// IsBytesLike reports whether t is bytes or bytearray.
func IsBytesLike(t Type) bool { return Is(t, Bytes) || Is(t, ByteArray) }

// bytesCall types bytes(...) and bytearray(...): empty, n zero bytes, a
// copy of bytes or a bytearray, or a list of integers.
func (c *checker) bytesCall(e *syntax.Call, name string, args []Type) Type {
	result := TBytes
	if name == "bytearray" {
		result = TByteArray
	}
	if len(args) > 1 {
		c.errorf(e.Pos(), "%s() takes at most 1 argument in kernels (%d given)", name, len(args))
		return result
	}
	if len(args) == 0 {
		return result
	}
	a := args[0]
	if _, ok := Resolve(a).(*Var); ok && !IsInt(a) {
		unify(a, &List{Elem: c.freshInt()})
	}
	switch x := Resolve(a).(type) {
	case *List:
		if IsInt(x.Elem) || Is(x.Elem, Bool) {
			return result
		}
		if v, ok := Resolve(x.Elem).(*Var); ok && !v.isInt {
			unify(v, TInt32)
			return result
		}
	}
	if IsInt(a) || IsBytesLike(a) || Is(a, Bool) {
		return result
	}
	d := c.errorf(e.Args[0].Pos(), "type mismatch: %s() needs an integer, bytes, a bytearray or a list of integers, found %s", name, Final(a))
	if Is(a, Str) {
		d.Hint = "write a bytes literal (b\"...\"): kernels do not encode strings"
	}
	return result
}

// bytesBinary types + and * on bytes and bytearrays; handled is false when
// neither operand is one.
func (c *checker) bytesBinary(op syntax.Op, x, y Type) (t Type, handled bool) {
	if !IsBytesLike(x) && !IsBytesLike(y) {
		return nil, false
	}
	switch {
	case op == syntax.Add && IsBytesLike(x) && IsBytesLike(y):
		return Resolve(x), true
	case op == syntax.Mul && IsBytesLike(x) && IsInt(y):
		return Resolve(x), true
	case op == syntax.Mul && IsInt(x) && IsBytesLike(y):
		return Resolve(y), true
	}
	return nil, true
}

// bytesCompare types comparisons that involve bytes or bytearrays: ==, !=
// and the orderings between any two of them (by contents), and `int in
// bytes`. It reports whether it handled the comparison.
func (c *checker) bytesCompare(e *syntax.Compare, i int, op syntax.Op, x, y Type) bool {
	switch op {
	case syntax.In, syntax.NotIn:
		if !IsBytesLike(y) {
			return false
		}
		if !IsInt(x) && !Is(x, Bool) {
			d := c.errorf(cmpPos(e, i), "type mismatch: cannot test whether %s is in %s", Final(x), Final(y))
			if IsBytesLike(x) {
				d.Hint = "kernels test bytes membership of single integers only"
			}
		}
		return true
	case syntax.Is, syntax.IsNot:
		return false
	}
	if !IsBytesLike(x) && !IsBytesLike(y) {
		return false
	}
	if !IsBytesLike(x) || !IsBytesLike(y) {
		if op == syntax.Eq || op == syntax.NotEq {
			return false // the general rule reports it
		}
		c.errorf(cmpPos(e, i), "type mismatch: cannot compare %s and %s with %s", Final(x), Final(y), op)
	}
	return true
}

// storeByte checks b[i] = v: only a bytearray is mutable, and v is an int.
func (c *checker) storeByte(t *syntax.Subscript, xt, it, vt Type, value syntax.Expr) {
	if Is(xt, Bytes) {
		c.errorf(t.X.Pos(), "type mismatch: bytes are immutable; item assignment needs a bytearray")
		return
	}
	if !IsInt(it) {
		c.errorf(t.Index.Pos(), "type mismatch: bytearray indices must be integers, found %s", Final(it))
	}
	c.b.Types[t] = TInt32
	if !IsInt(vt) && !Is(vt, Bool) {
		pos := t.Pos()
		if value != nil {
			pos = value.Pos()
		}
		c.errorf(pos, "type mismatch: a bytearray item must be an integer, found %s", Final(vt))
	}
}
