package lower

import (
	"github.com/llir/llvm/ir/constant"
	"github.com/llir/llvm/ir/enum"
	irtypes "github.com/llir/llvm/ir/types"
	"github.com/llir/llvm/ir/value"

	"github.com/rules-artiq/rules_artiq/compiler/syntax"
	"github.com/rules-artiq/rules_artiq/compiler/types"
)

// bytes and bytearray values are {i8*, i32} like str (types/bytes.go). A
// bytes literal points at a private constant; every bytes or bytearray
// built at run time lives in the kernel heap.

// BytesReprSymbol prints Python's repr() of bytes (b'..') or of a
// bytearray (bytearray(b'..')) through core_log.
const BytesReprSymbol = "__kernel_print_bytes_repr"

// bytesPtr and bytesLen are the data and the length of a bytes value.
func (l *lowerer) bytesPtr(v value.Value) value.Value { return l.cur.NewExtractValue(v, 0) }
func (l *lowerer) bytesLen(v value.Value) value.Value { return l.cur.NewExtractValue(v, 1) }

// bytesSlice lowers b[lo:hi:step] to a new value of the same kind.
func (l *lowerer) bytesSlice(s *syntax.Slice, x value.Value) value.Value {
	start, step, count := l.sliceIndices(s, s, l.bytesLen(x))
	src := l.bytesPtr(x)
	v, dst := l.newBytes(count)
	l.loop(count, func(i value.Value) {
		j := l.cur.NewAdd(start, l.cur.NewMul(i, step))
		l.cur.NewStore(l.cur.NewLoad(irtypes.I8, l.elemPtr(irtypes.I8, src, j)), l.elemPtr(irtypes.I8, dst, i))
	})
	return v
}

// newBytes allocates n bytes in the kernel heap and returns the value
// {ptr, n} and the pointer.
func (l *lowerer) newBytes(n value.Value) (value.Value, value.Value) {
	ptr := l.allocElems(irtypes.I8, n)
	return l.makeStr(ptr, n), ptr
}

// bytesCall lowers bytes(...) and bytearray(...).
func (l *lowerer) bytesCall(e *syntax.Call, name string) value.Value {
	if len(e.Args) == 0 {
		v, _ := l.newBytes(ci32(0))
		return v
	}
	a := e.Args[0]
	at := l.b.TypeOf(a)
	x := l.expr(a)
	switch {
	case types.IsBytesLike(at):
		n := l.bytesLen(x)
		v, ptr := l.newBytes(n)
		l.memcopy(irtypes.I8, ptr, l.bytesPtr(x), n)
		return v
	case types.IsInt(at) || types.Is(at, types.Bool):
		n := l.convertNumber(x, at, types.TInt32, e)
		ok := l.newBlock("bytes.ok")
		bad := l.newBlock("bytes.neg")
		l.cur.NewCondBr(l.cur.NewICmp(enum.IPredSLT, n, ci32(0)), bad, ok)
		l.cur = bad
		l.raise(e, "ValueError", "negative count", nil)
		l.cur = ok
		v, ptr := l.newBytes(n)
		memset := l.external("memset", irtypes.I8Ptr, false, irtypes.I8Ptr, irtypes.I32, irtypes.I32)
		l.cur.NewCall(memset, ptr, ci32(0), n)
		return v
	}
	lt := at.(*types.List)
	et := l.memType(lt.Elem)
	n := l.listLen(x)
	v, ptr := l.newBytes(n)
	src := l.listPtr(x)
	l.loop(n, func(i value.Value) {
		b := l.checkByte(e, l.cur.NewLoad(et, l.elemPtr(et, src, i)), lt.Elem, "bytes must be in range(0, 256)")
		l.cur.NewStore(b, l.elemPtr(irtypes.I8, ptr, i))
	})
	return v
}

// checkByte converts an integer to a byte, raising ValueError (with msg)
// outside range(0, 256).
func (l *lowerer) checkByte(at syntax.Node, v value.Value, t types.Type, msg string) value.Value {
	if types.Is(t, types.Bool) {
		return l.cur.NewZExt(v, irtypes.I8)
	}
	it := v.Type().(*irtypes.IntType)
	bad := l.cur.NewICmp(enum.IPredUGT, v, constant.NewInt(it, 255)) // negative ones too
	ok := l.newBlock("byte.ok")
	fail := l.newBlock("byte.range")
	l.cur.NewCondBr(bad, fail, ok)
	l.cur = fail
	l.raise(at, "ValueError", msg, nil)
	l.cur = ok
	return l.cur.NewTrunc(v, irtypes.I8)
}

// bytesIndex lowers b[i]: the byte as an int32.
func (l *lowerer) bytesIndex(e *syntax.Subscript, x value.Value, xt types.Type) value.Value {
	msg := "index out of range"
	if types.Is(xt, types.ByteArray) {
		msg = "bytearray index out of range"
	}
	i := l.indexMsg(e, l.expr(e.Index), l.b.TypeOf(e.Index), l.bytesLen(x), msg)
	b := l.cur.NewLoad(irtypes.I8, l.elemPtr(irtypes.I8, l.bytesPtr(x), i))
	return l.cur.NewZExt(b, irtypes.I32)
}

// storeByte lowers ba[i] = v.
func (l *lowerer) storeByte(t *syntax.Subscript, v value.Value, vt types.Type) {
	x := l.expr(t.X)
	i := l.indexMsg(t, l.expr(t.Index), l.b.TypeOf(t.Index), l.bytesLen(x), "bytearray index out of range")
	b := l.checkByte(t, v, vt, "byte must be in range(0, 256)")
	l.cur.NewStore(b, l.elemPtr(irtypes.I8, l.bytesPtr(x), i))
}

// bytesCompare compares two byte strings by contents: ==, != and the
// lexicographic orderings.
func (l *lowerer) bytesCompare(op syntax.Op, x, y value.Value) value.Value {
	if op == syntax.Eq || op == syntax.NotEq {
		eq := l.strEq(x, y)
		if op == syntax.NotEq {
			return l.cur.NewXor(eq, constant.True)
		}
		return eq
	}
	nx, ny := l.bytesLen(x), l.bytesLen(y)
	n := l.cur.NewSelect(l.cur.NewICmp(enum.IPredSLT, nx, ny), nx, ny)
	memcmp := l.external("memcmp", irtypes.I32, false, irtypes.I8Ptr, irtypes.I8Ptr, irtypes.I32)
	c := l.cur.NewCall(memcmp, l.bytesPtr(x), l.bytesPtr(y), n)
	// Equal prefixes: the shorter one is smaller.
	byLen := l.cur.NewSub(nx, ny)
	cmp := l.cur.NewSelect(l.cur.NewICmp(enum.IPredEQ, c, ci32(0)), byLen, c)
	pred := map[syntax.Op]enum.IPred{
		syntax.Lt: enum.IPredSLT, syntax.LtE: enum.IPredSLE,
		syntax.Gt: enum.IPredSGT, syntax.GtE: enum.IPredSGE,
	}[op]
	return l.cur.NewICmp(pred, cmp, ci32(0))
}

// bytesContains lowers `i in b`.
func (l *lowerer) bytesContains(x value.Value, xt types.Type, seq value.Value) value.Value {
	x = l.convert(x, xt, types.TInt32)
	found := l.entry.NewAlloca(irtypes.I1)
	l.cur.NewStore(constant.False, found)
	ptr := l.bytesPtr(seq)
	l.loop(l.bytesLen(seq), func(i value.Value) {
		b := l.cur.NewZExt(l.cur.NewLoad(irtypes.I8, l.elemPtr(irtypes.I8, ptr, i)), irtypes.I32)
		eq := l.cur.NewICmp(enum.IPredEQ, b, x)
		l.cur.NewStore(l.cur.NewOr(l.cur.NewLoad(irtypes.I1, found), eq), found)
	})
	return l.cur.NewLoad(irtypes.I1, found)
}

// printBytes prints the repr of a bytes or bytearray value.
func (p *printer) bytes(v value.Value, t types.Type) {
	l := p.l
	p.flush()
	kind := int64(0)
	if types.Is(t, types.ByteArray) {
		kind = 1
	}
	f := l.external(BytesReprSymbol, irtypes.Void, false, irtypes.I8Ptr, irtypes.I32, irtypes.I32)
	l.cur.NewCall(f, l.bytesPtr(v), l.bytesLen(v), ci32(kind))
}

// iterSource gives the length and the element getter of the iterables
// that are not lists, ranges or tuples: bytes, bytearrays and arrays.
func (l *lowerer) iterSource(iter value.Value, t types.Type) (n value.Value, get func(i value.Value) value.Value, ok bool) {
	if types.IsBytesLike(t) {
		ptr := l.bytesPtr(iter)
		return l.bytesLen(iter), func(i value.Value) value.Value {
			return l.cur.NewZExt(l.cur.NewLoad(irtypes.I8, l.elemPtr(irtypes.I8, ptr, i)), irtypes.I32)
		}, true
	}
	if a, ok := t.(*types.Array); ok {
		n, get := l.arrayIter(iter, a) // array.go
		return n, get, true
	}
	return nil, nil, false
}
