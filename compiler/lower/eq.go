package lower

import (
	"github.com/llir/llvm/ir"
	"github.com/llir/llvm/ir/constant"
	"github.com/llir/llvm/ir/enum"
	irtypes "github.com/llir/llvm/ir/types"
	"github.com/llir/llvm/ir/value"

	"github.com/rules-artiq/rules_artiq/compiler/syntax"
	"github.com/rules-artiq/rules_artiq/compiler/types"
)

// equal computes x == y for values of any comparable type, element-wise
// for lists and tuples as Python does.
func (l *lowerer) equal(x value.Value, xt types.Type, y value.Value, yt types.Type) value.Value {
	switch t := xt.(type) {
	case *types.Tuple:
		yt := yt.(*types.Tuple)
		var acc value.Value = constant.True
		for i := range t.Elems {
			e := l.equal(l.cur.NewExtractValue(x, uint64(i)), t.Elems[i], l.cur.NewExtractValue(y, uint64(i)), yt.Elems[i])
			acc = l.cur.NewAnd(acc, e)
		}
		return acc
	case *types.List:
		et := l.memType(t.Elem)
		result := l.entry.NewAlloca(irtypes.I1)
		nx, ny := l.listLen(x), l.listLen(y)
		l.cur.NewStore(l.cur.NewICmp(enum.IPredEQ, nx, ny), result)
		same := l.newBlock("listeq.len")
		done := l.newBlock("listeq.end")
		l.cur.NewCondBr(l.cur.NewICmp(enum.IPredEQ, nx, ny), same, done)
		l.cur = same
		px, py := l.listPtr(x), l.listPtr(y)
		l.loop(nx, func(i value.Value) {
			a := l.cur.NewLoad(et, l.elemPtr(et, px, i))
			b := l.cur.NewLoad(et, l.elemPtr(et, py, i))
			eq := l.equal(a, t.Elem, b, yt.(*types.List).Elem)
			prev := l.cur.NewLoad(irtypes.I1, result)
			l.cur.NewStore(l.cur.NewAnd(prev, eq), result)
		})
		l.cur.NewBr(done)
		l.cur = done
		return l.cur.NewLoad(irtypes.I1, result)
	}
	if _, ok := xt.(*types.Class); ok {
		return l.cur.NewICmp(enum.IPredEQ, x, y) // identity of objects
	}
	if a, ok := xt.(*types.Array); ok {
		// NumPy: the truth of the element-wise comparison.
		rt := &types.Array{Elem: types.TBool, NDims: a.NDims}
		if b, isArray := yt.(*types.Array); isArray && b.NDims > rt.NDims {
			rt.NDims = b.NDims
		}
		at := &syntax.Name{}
		ox, oy := l.operandOf(at, x, xt), l.operandOf(at, y, yt)
		eq := l.elementwise(at, ox, oy, rt, func(p, q value.Value) value.Value {
			return l.compare1(syntax.Eq, p, ox.elem, q, oy.elem)
		})
		return l.arrayTruth(nil, eq, rt)
	}
	if _, ok := xt.(*types.Range); ok {
		if _, ok := yt.(*types.Range); ok {
			return l.rangeEqual(x, y)
		}
	}
	if types.Is(xt, types.NoneKind) || types.Is(yt, types.NoneKind) {
		return constant.NewBool(types.Is(xt, types.NoneKind) && types.Is(yt, types.NoneKind))
	}
	return l.compare1(syntax.Eq, x, xt, y, yt)
}

// identical computes `x is y`: objects and lists by identity, values of
// the same kind by value (ARTIQ's semantics for value types), values of
// different kinds are never identical.
func (l *lowerer) identical(x value.Value, xt types.Type, y value.Value, yt types.Type) value.Value {
	_, xc := xt.(*types.Class)
	_, yc := yt.(*types.Class)
	switch {
	case xc && yc:
		return l.cur.NewICmp(enum.IPredEQ, l.cur.NewBitCast(x, irtypes.I8Ptr), l.cur.NewBitCast(y, irtypes.I8Ptr))
	case types.Is(xt, types.NoneKind) || types.Is(yt, types.NoneKind):
		// Only None is None: other values are never None.
		return constant.NewBool(types.Is(xt, types.NoneKind) && types.Is(yt, types.NoneKind))
	}
	if _, ok := xt.(*types.List); ok {
		return l.cur.NewICmp(enum.IPredEQ, l.cur.NewBitCast(x, irtypes.I8Ptr), l.cur.NewBitCast(y, irtypes.I8Ptr))
	}
	kind := func(t types.Type) types.Type {
		if types.IsInt(t) {
			return types.TInt32
		}
		return t
	}
	if b, ok := kind(xt).(*types.Basic); ok {
		if b2, ok := kind(yt).(*types.Basic); !ok || b.Kind != b2.Kind {
			return constant.False
		}
	}
	return l.equal(x, xt, y, yt)
}

// contains computes x in seq.
func (l *lowerer) contains(x value.Value, xt types.Type, seq value.Value, st types.Type) value.Value {
	if types.Is(st, types.Str) {
		return l.strContains(x, seq)
	}
	if r, ok := st.(*types.Range); ok {
		start := l.cur.NewExtractValue(seq, 0)
		stop := l.cur.NewExtractValue(seq, 1)
		step := l.cur.NewExtractValue(seq, 2)
		x = l.convert(x, xt, r.Elem)
		it := start.Type().(*irtypes.IntType)
		zero := constant.NewInt(it, 0)
		up := l.cur.NewICmp(enum.IPredSGT, step, zero)
		inUp := l.cur.NewAnd(l.cur.NewICmp(enum.IPredSGE, x, start), l.cur.NewICmp(enum.IPredSLT, x, stop))
		inDown := l.cur.NewAnd(l.cur.NewICmp(enum.IPredSLE, x, start), l.cur.NewICmp(enum.IPredSGT, x, stop))
		inside := l.cur.NewSelect(up, inUp, inDown)
		onStep := l.cur.NewICmp(enum.IPredEQ, l.cur.NewSRem(l.cur.NewSub(x, start), step), zero)
		return l.cur.NewAnd(inside, onStep)
	}
	if types.IsBytesLike(st) {
		return l.bytesContains(x, xt, seq) // bytes.go
	}
	if tt, ok := st.(*types.Tuple); ok {
		// Element by element: a tuple's elements may differ in type (1.5 in (1, 2.5)).
		var found value.Value = constant.False
		for i, et := range tt.Elems {
			found = l.cur.NewOr(found, l.equal(x, xt, l.cur.NewExtractValue(seq, uint64(i)), et))
		}
		return found
	}
	found := l.entry.NewAlloca(irtypes.I1)
	l.cur.NewStore(constant.False, found)
	l.iterate(seq, st, func(elem value.Value) {
		eq := l.equal(x, xt, elem, l.elemTypeOf(st))
		prev := l.cur.NewLoad(irtypes.I1, found)
		l.cur.NewStore(l.cur.NewOr(prev, eq), found)
	})
	return l.cur.NewLoad(irtypes.I1, found)
}

var _ = ir.NewBlock

// order computes x op y (op one of < <= > >=) for strings, tuples and
// lists: the first pair of elements that differ decides, else the lengths
// do, as in Python. Strings compare byte-wise, which for UTF-8 is the
// order of their code points.
func (l *lowerer) order(op syntax.Op, x value.Value, xt types.Type, y value.Value, yt types.Type) value.Value {
	lenOrder := func(nx, ny value.Value) value.Value {
		pred := map[syntax.Op]enum.IPred{
			syntax.Lt: enum.IPredSLT, syntax.LtE: enum.IPredSLE,
			syntax.Gt: enum.IPredSGT, syntax.GtE: enum.IPredSGE,
		}[op]
		return l.cur.NewICmp(pred, nx, ny)
	}
	switch t := xt.(type) {
	case *types.Tuple:
		u := yt.(*types.Tuple)
		done := l.newBlock("tupord.end")
		var incs []*ir.Incoming
		for i := 0; i < len(t.Elems) && i < len(u.Elems); i++ {
			a := l.cur.NewExtractValue(x, uint64(i))
			b := l.cur.NewExtractValue(y, uint64(i))
			eq := l.equal(a, t.Elems[i], b, u.Elems[i])
			differ := l.newBlock("tupord.differ")
			next := l.newBlock("tupord.next")
			l.cur.NewCondBr(eq, next, differ)
			l.cur = differ
			r := l.compare1(op, a, t.Elems[i], b, u.Elems[i])
			incs = append(incs, ir.NewIncoming(r, l.cur))
			l.cur.NewBr(done)
			l.cur = next
		}
		r := lenOrder(ci32(int64(len(t.Elems))), ci32(int64(len(u.Elems))))
		incs = append(incs, ir.NewIncoming(r, l.cur))
		l.cur.NewBr(done)
		l.cur = done
		return l.cur.NewPhi(incs...)
	case *types.List:
		u := yt.(*types.List)
		xe, ye := l.memType(t.Elem), l.memType(u.Elem)
		nx, ny := l.listLen(x), l.listLen(y)
		px, py := l.listPtr(x), l.listPtr(y)
		n := l.cur.NewSelect(l.cur.NewICmp(enum.IPredSLT, nx, ny), nx, ny)
		result := l.entry.NewAlloca(irtypes.I1)
		counter := l.entry.NewAlloca(irtypes.I32)
		l.cur.NewStore(ci32(0), counter)
		head := l.newBlock("listord.cond")
		body := l.newBlock("listord.body")
		differ := l.newBlock("listord.differ")
		inc := l.newBlock("listord.inc")
		tail := l.newBlock("listord.len")
		done := l.newBlock("listord.end")
		l.cur.NewBr(head)
		l.cur = head
		i := l.cur.NewLoad(irtypes.I32, counter)
		l.cur.NewCondBr(l.cur.NewICmp(enum.IPredSLT, i, n), body, tail)
		l.cur = body
		a := l.cur.NewLoad(xe, l.elemPtr(xe, px, i))
		b := l.cur.NewLoad(ye, l.elemPtr(ye, py, i))
		eq := l.equal(a, t.Elem, b, u.Elem)
		l.cur.NewCondBr(eq, inc, differ)
		l.cur = differ
		l.cur.NewStore(l.compare1(op, a, t.Elem, b, u.Elem), result)
		l.cur.NewBr(done)
		l.cur = inc
		l.cur.NewStore(l.cur.NewAdd(i, ci32(1)), counter)
		l.cur.NewBr(head)
		l.cur = tail
		l.cur.NewStore(lenOrder(nx, ny), result)
		l.cur.NewBr(done)
		l.cur = done
		return l.cur.NewLoad(irtypes.I1, result)
	}
	// Strings: memcmp over the common prefix, then the lengths.
	nx, ny := l.cur.NewExtractValue(x, 1), l.cur.NewExtractValue(y, 1)
	n := l.cur.NewSelect(l.cur.NewICmp(enum.IPredSLT, nx, ny), nx, ny)
	memcmp := l.external("memcmp", irtypes.I32, false, irtypes.I8Ptr, irtypes.I8Ptr, irtypes.I32)
	r := l.cur.NewCall(memcmp, l.cur.NewExtractValue(x, 0), l.cur.NewExtractValue(y, 0), n)
	// The sign of memcmp decides; equal prefixes fall back to the lengths.
	lens := l.cur.NewSub(nx, ny)
	key := l.cur.NewSelect(l.cur.NewICmp(enum.IPredEQ, r, ci32(0)), lens, r)
	return lenOrder(key, ci32(0))
}

// rangeEqual compares two ranges as Python does, as the sequences they
// stand for: the same length, and the same start and step where they
// matter.
func (l *lowerer) rangeEqual(x, y value.Value) value.Value {
	field := func(v value.Value, i uint64, it irtypes.Type) value.Value {
		f := l.cur.NewExtractValue(v, i)
		if f.Type().Equal(it) {
			return f
		}
		return l.cur.NewSExt(f, it)
	}
	it := irtypes.Type(irtypes.I32)
	if x.Type().(*irtypes.StructType).Fields[0].Equal(irtypes.I64) || y.Type().(*irtypes.StructType).Fields[0].Equal(irtypes.I64) {
		it = irtypes.I64
	}
	xs, xe, xd := field(x, 0, it), field(x, 1, it), field(x, 2, it)
	ys, ye, yd := field(y, 0, it), field(y, 1, it), field(y, 2, it)
	nx, ny := l.rangeLen(xs, xe, xd), l.rangeLen(ys, ye, yd)
	one := constant.NewInt(nx.Type().(*irtypes.IntType), 1)
	zero := constant.NewInt(nx.Type().(*irtypes.IntType), 0)
	sameLen := l.cur.NewICmp(enum.IPredEQ, nx, ny)
	empty := l.cur.NewICmp(enum.IPredEQ, nx, zero)
	sameStart := l.cur.NewICmp(enum.IPredEQ, xs, ys)
	single := l.cur.NewICmp(enum.IPredEQ, nx, one)
	sameStep := l.cur.NewICmp(enum.IPredEQ, xd, yd)
	tail := l.cur.NewAnd(sameStart, l.cur.NewOr(single, sameStep))
	return l.cur.NewAnd(sameLen, l.cur.NewOr(empty, tail))
}
