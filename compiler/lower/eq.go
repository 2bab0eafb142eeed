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
	if types.Is(xt, types.NoneKind) || types.Is(yt, types.NoneKind) {
		return constant.NewBool(types.Is(xt, types.NoneKind) && types.Is(yt, types.NoneKind))
	}
	return l.compare1(syntax.Eq, x, xt, y, yt)
}

// contains computes x in seq.
func (l *lowerer) contains(x value.Value, xt types.Type, seq value.Value, st types.Type) value.Value {
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
