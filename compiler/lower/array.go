package lower

import (
	"math"
	"strings"

	"github.com/llir/llvm/ir"
	"github.com/llir/llvm/ir/constant"
	"github.com/llir/llvm/ir/enum"
	irtypes "github.com/llir/llvm/ir/types"
	"github.com/llir/llvm/ir/value"

	"github.com/rules-artiq/rules_artiq/compiler/syntax"
	"github.com/rules-artiq/rules_artiq/compiler/types"
)

// NumPy-style arrays (types/array.go) are ARTIQ's {T* elements, i32
// shape[n]}: the elements, row-major and contiguous, in the kernel heap,
// shared by views (rows, a[lo:hi]) and by every name holding the array.
// Element-wise operations follow NumPy: broadcasting (a run-time shape
// check that raises ValueError with NumPy's message), integer division and
// modulo by zero give 0, float division gives inf or nan, and integers to
// negative powers raise ValueError.

// The support library's array functions (linker/support/src/array_repr.c).
const (
	ArrayPrintSymbol      = "__kernel_print_array"
	ArrayIndexMsgSymbol   = "__kernel_array_index_msg"
	ArrayShapeMsgSymbol   = "__kernel_array_shape_msg"
	ArrayRaggedMsgSymbol  = "__kernel_array_ragged_msg"
	ArraySamplesMsgSymbol = "__kernel_array_samples_msg"
	ArrayMatmulMsgSymbol  = "__kernel_array_matmul_msg"
	ArraySumSymbol        = "__kernel_array_fsum"
	arrayKindInt32        = 0
	arrayKindInt64        = 1
	arrayKindFloat        = 2
	arrayKindBool         = 3
	shapeMsgOperands      = 0
	shapeMsgOutput        = 1
	shapeMsgAssign        = 2
	maxBroadcastDimsInMsg = 32
)

// arrayStruct is the LLVM type of an array: {T*, i32 x n}.
func (l *lowerer) arrayStruct(a *types.Array) *irtypes.StructType {
	fields := []irtypes.Type{irtypes.NewPointer(l.memType(a.Elem))}
	for i := 0; i < a.NDims; i++ {
		fields = append(fields, irtypes.I32)
	}
	return irtypes.NewStruct(fields...)
}

func (l *lowerer) arrPtr(v value.Value) value.Value { return l.cur.NewExtractValue(v, 0) }

func (l *lowerer) arrDims(v value.Value, n int) []value.Value {
	dims := make([]value.Value, n)
	for i := range dims {
		dims[i] = l.cur.NewExtractValue(v, uint64(i+1))
	}
	return dims
}

func (l *lowerer) product(dims []value.Value) value.Value {
	var p value.Value = ci32(1)
	for i, d := range dims {
		if i == 0 {
			p = d
			continue
		}
		p = l.cur.NewMul(p, d)
	}
	return p
}

func (l *lowerer) makeArray(a *types.Array, ptr value.Value, dims []value.Value) value.Value {
	var v value.Value = constant.NewUndef(l.arrayStruct(a))
	v = l.cur.NewInsertValue(v, ptr, 0)
	for i, d := range dims {
		v = l.cur.NewInsertValue(v, d, uint64(i+1))
	}
	return v
}

// allocArray allocates an array of the given shape; its elements are
// whatever the heap held (the caller fills them).
func (l *lowerer) allocArray(a *types.Array, dims []value.Value) (v, ptr value.Value) {
	ptr = l.allocElems(l.memType(a.Elem), l.product(dims))
	return l.makeArray(a, ptr, dims), ptr
}

// rowStrides are the row-major strides (in elements) of each axis.
func (l *lowerer) rowStrides(dims []value.Value) []value.Value {
	s := make([]value.Value, len(dims))
	var acc value.Value = ci32(1)
	for k := len(dims) - 1; k >= 0; k-- {
		s[k] = acc
		if k > 0 {
			acc = l.cur.NewMul(acc, dims[k])
		}
	}
	return s
}

// shapeArray stores dims in a stack array and returns an i32* to it.
func (l *lowerer) shapeArray(dims []value.Value) value.Value {
	n := len(dims)
	if n == 0 {
		n = 1
	}
	at := irtypes.NewArray(uint64(n), irtypes.I32)
	slot := l.entry.NewAlloca(at)
	for i, d := range dims {
		l.cur.NewStore(d, l.cur.NewGetElementPtr(at, slot, ci32(0), ci32(int64(i))))
	}
	return l.cur.NewGetElementPtr(at, slot, ci32(0), ci32(0))
}

// raiseMsg raises the named exception with a message the support library
// formats at run time.
func (l *lowerer) raiseMsg(at syntax.Node, name, fn string, args ...value.Value) {
	slot := l.entry.NewAlloca(l.strType)
	var params []irtypes.Type
	params = append(params, irtypes.NewPointer(l.strType))
	for _, a := range args {
		params = append(params, a.Type())
	}
	f := l.external(fn, irtypes.Void, false, params...)
	l.cur.NewCall(f, append([]value.Value{slot}, args...)...)
	l.raiseValue(at, name, l.cur.NewLoad(l.strType, slot))
}

// guard raises through fail when bad holds, and continues otherwise.
func (l *lowerer) guard(bad value.Value, fail func()) {
	ok := l.newBlock("array.ok")
	failB := l.newBlock("array.fail")
	l.cur.NewCondBr(bad, failB, ok)
	l.cur = failB
	fail()
	if l.cur.Term == nil {
		l.cur.NewUnreachable()
	}
	l.cur = ok
}

// arrayKind is the support library's code for an element type.
func arrayKind(t types.Type) int64 {
	switch {
	case types.Is(t, types.Int64):
		return arrayKindInt64
	case types.Is(t, types.Float):
		return arrayKindFloat
	case types.Is(t, types.Bool):
		return arrayKindBool
	}
	return arrayKindInt32
}

// toElem converts a scalar to an array's element type with NumPy's casts:
// floats truncate to integers, numbers become bools by their truth.
func (l *lowerer) toElem(at syntax.Node, v value.Value, from, to types.Type) value.Value {
	if types.Is(to, types.Bool) && !types.Is(from, types.Bool) {
		return l.truthOf(v, from)
	}
	return l.convertNumber(v, from, to, at)
}

// ---------------------------------------------------------------------------
// Element-wise loops

// operand is one operand of an element-wise operation: an array (ptr and
// dims) or a scalar.
type operand struct {
	elem   types.Type
	ptr    value.Value
	dims   []value.Value
	scalar value.Value
}

func (o operand) isArray() bool { return o.ptr != nil }

// operandOf makes an operand of v: an array, a (nested) list, which NumPy
// converts to an array, or a scalar.
func (l *lowerer) operandOf(at syntax.Node, v value.Value, t types.Type) operand {
	switch x := t.(type) {
	case *types.Array:
		return operand{elem: x.Elem, ptr: l.arrPtr(v), dims: l.arrDims(v, x.NDims)}
	case *types.List:
		elem, n := types.Type(x), 0
		for {
			lt, ok := elem.(*types.List)
			if !ok {
				break
			}
			elem = types.Resolve(lt.Elem)
			n++
		}
		a := &types.Array{Elem: elem, NDims: n}
		av := l.arrayFrom(at, v, t, a)
		return operand{elem: elem, ptr: l.arrPtr(av), dims: l.arrDims(av, n)}
	}
	return operand{elem: t, scalar: v}
}

func (o operand) load(l *lowerer, off value.Value) value.Value {
	if !o.isArray() {
		return o.scalar
	}
	et := l.memType(o.elem)
	return l.cur.NewLoad(et, l.elemPtr(et, o.ptr, off))
}

// broadcast computes the shape of NumPy's broadcast of the operands'
// shapes over n dimensions, raising ValueError when they do not fit.
func (l *lowerer) broadcast(at syntax.Node, x, y operand, n int) []value.Value {
	dim := func(o operand, k int) value.Value {
		j := k - (n - len(o.dims))
		if j < 0 {
			return ci32(1)
		}
		return o.dims[j]
	}
	out := make([]value.Value, n)
	var bad value.Value = constant.False
	for k := 0; k < n; k++ {
		dx, dy := dim(x, k), dim(y, k)
		out[k] = l.cur.NewSelect(l.cur.NewICmp(enum.IPredEQ, dx, ci32(1)), dy, dx)
		fits := l.cur.NewOr(l.cur.NewICmp(enum.IPredEQ, dx, dy),
			l.cur.NewOr(l.cur.NewICmp(enum.IPredEQ, dx, ci32(1)), l.cur.NewICmp(enum.IPredEQ, dy, ci32(1))))
		bad = l.cur.NewOr(bad, l.cur.NewXor(fits, constant.True))
	}
	if x.isArray() && y.isArray() {
		l.guard(bad, func() {
			l.raiseMsg(at, "ValueError", ArrayShapeMsgSymbol, ci32(shapeMsgOperands),
				l.shapeArray(x.dims), ci32(int64(len(x.dims))), l.shapeArray(y.dims), ci32(int64(len(y.dims))))
		})
	}
	return out
}

// strides gives the operand's stride over each of the n result axes: 0
// where it is broadcast (a missing axis or a dimension of 1).
func (l *lowerer) strides(o operand, n int) []value.Value {
	s := make([]value.Value, n)
	if !o.isArray() {
		for k := range s {
			s[k] = ci32(0)
		}
		return s
	}
	own := l.rowStrides(o.dims)
	for k := 0; k < n; k++ {
		j := k - (n - len(o.dims))
		if j < 0 {
			s[k] = ci32(0)
			continue
		}
		one := l.cur.NewICmp(enum.IPredEQ, o.dims[j], ci32(1))
		s[k] = l.cur.NewSelect(one, ci32(0), own[j])
	}
	return s
}

// forEach loops over the index space dims (row-major), calling body with
// each operand's element offset (by its strides) and the flat index.
func (l *lowerer) forEach(dims []value.Value, strides [][]value.Value, body func(offs []value.Value, flat value.Value)) {
	var rec func(k int, offs []value.Value, flat value.Value)
	rec = func(k int, offs []value.Value, flat value.Value) {
		if k == len(dims) {
			body(offs, flat)
			return
		}
		l.loop(dims[k], func(i value.Value) {
			next := make([]value.Value, len(offs))
			for j := range offs {
				next[j] = l.cur.NewAdd(offs[j], l.cur.NewMul(i, strides[j][k]))
			}
			rec(k+1, next, l.cur.NewAdd(l.cur.NewMul(flat, dims[k]), i))
		})
	}
	offs := make([]value.Value, len(strides))
	for j := range offs {
		offs[j] = ci32(0)
	}
	rec(0, offs, ci32(0))
}

// elementwise computes f over the broadcast of x and y into a new array
// of type rt.
func (l *lowerer) elementwise(at syntax.Node, x, y operand, rt *types.Array, f func(a, b value.Value) value.Value) value.Value {
	dims := l.broadcast(at, x, y, rt.NDims)
	v, ptr := l.allocArray(rt, dims)
	et := l.memType(rt.Elem)
	l.forEach(dims, [][]value.Value{l.strides(x, rt.NDims), l.strides(y, rt.NDims)}, func(offs []value.Value, flat value.Value) {
		r := f(x.load(l, offs[0]), y.load(l, offs[1]))
		l.cur.NewStore(r, l.elemPtr(et, ptr, flat))
	})
	return v
}

// arrayMap computes f of every element of x (of type xt) into a new array
// of type rt.
func (l *lowerer) arrayMap(x value.Value, xt, rt *types.Array, f func(v value.Value) value.Value) value.Value {
	dims := l.arrDims(x, xt.NDims)
	v, ptr := l.allocArray(rt, dims)
	src := l.arrPtr(x)
	st, dt := l.memType(xt.Elem), l.memType(rt.Elem)
	l.loop(l.product(dims), func(i value.Value) {
		r := f(l.cur.NewLoad(st, l.elemPtr(st, src, i)))
		l.cur.NewStore(r, l.elemPtr(dt, ptr, i))
	})
	return v
}

// elemOp is x op y on array elements with NumPy's semantics, in the
// result element type rt (x and y have types xt and yt).
func (l *lowerer) elemOp(at syntax.Node, op syntax.Op, x value.Value, xt types.Type, y value.Value, yt types.Type, rt types.Type) value.Value {
	switch op {
	case syntax.Eq, syntax.NotEq, syntax.Lt, syntax.LtE, syntax.Gt, syntax.GtE:
		return l.compare1(op, x, xt, y, yt)
	}
	ct := rt
	if op == syntax.Div {
		ct = types.TFloat
	}
	conv := func(v value.Value, t types.Type) value.Value {
		if types.Is(t, types.Bool) && !types.Is(ct, types.Bool) {
			v, t = l.cur.NewZExt(v, irtypes.I32), types.TInt32
		}
		return l.convert(v, t, ct)
	}
	x, y = conv(x, xt), conv(y, yt)
	d := irtypes.Double
	if types.Is(ct, types.Float) {
		switch op {
		case syntax.Div:
			return l.cur.NewFDiv(x, y)
		case syntax.FloorDiv, syntax.Mod:
			// npy_divmod: by zero, x / y and fmod's NaN.
			zero := l.cur.NewFCmp(enum.FPredOEQ, y, constant.NewFloat(d, 0))
			res := l.entry.NewAlloca(d)
			byZero := l.newBlock("npdiv.zero")
			normal := l.newBlock("npdiv.normal")
			done := l.newBlock("npdiv.end")
			l.cur.NewCondBr(zero, byZero, normal)
			l.cur = byZero
			if op == syntax.FloorDiv {
				l.cur.NewStore(l.cur.NewFDiv(x, y), res)
			} else {
				l.cur.NewStore(l.cur.NewCall(l.external("fmod", d, false, d, d), x, y), res)
			}
			l.cur.NewBr(done)
			l.cur = normal
			l.cur.NewStore(l.floatDivModCore(op, x, y), res)
			l.cur.NewBr(done)
			l.cur = done
			return l.cur.NewLoad(d, res)
		}
		return l.floatOp(at, op, x, y, false)
	}
	it, _ := x.Type().(*irtypes.IntType)
	switch op {
	case syntax.FloorDiv, syntax.Mod:
		// NumPy: integer division and modulo by zero give 0.
		zero := constant.NewInt(it, 0)
		isZero := l.cur.NewICmp(enum.IPredEQ, y, zero)
		safe := l.cur.NewSelect(isZero, constant.NewInt(it, 1), y)
		return l.cur.NewSelect(isZero, zero, l.intDivModCore(op, x, safe))
	case syntax.Pow:
		return l.intPowMsg(at, x, y, "Integers to negative integer powers are not allowed.")
	case syntax.LShift, syntax.RShift:
		return l.shift(at, op, x, y)
	}
	return l.binary(at, op, x, ct, y, ct, ct)
}

// ---------------------------------------------------------------------------
// Expressions

// arrayBinary lowers x op y when an operand is an array.
func (l *lowerer) arrayBinary(at syntax.Node, op syntax.Op, x value.Value, xt types.Type, y value.Value, yt types.Type, rt *types.Array) value.Value {
	ox, oy := l.operandOf(at, x, xt), l.operandOf(at, y, yt)
	return l.elementwise(at, ox, oy, rt, func(a, b value.Value) value.Value {
		return l.elemOp(at, op, a, ox.elem, b, oy.elem, rt.Elem)
	})
}

// arrayCompare lowers an element-wise comparison, and `x in a`.
func (l *lowerer) arrayCompare(e *syntax.Compare) value.Value {
	x, xt := l.expr(e.X), l.b.TypeOf(e.X)
	y, yt := l.expr(e.Ys[0]), l.b.TypeOf(e.Ys[0])
	op := e.Ops[0]
	if op == syntax.In || op == syntax.NotIn {
		// (a == x).any()
		a := yt.(*types.Array)
		found := l.entry.NewAlloca(irtypes.I1)
		l.cur.NewStore(constant.False, found)
		et := l.memType(a.Elem)
		ptr := l.arrPtr(y)
		l.loop(l.product(l.arrDims(y, a.NDims)), func(i value.Value) {
			v := l.cur.NewLoad(et, l.elemPtr(et, ptr, i))
			eq := l.compare1(syntax.Eq, x, xt, v, a.Elem)
			l.cur.NewStore(l.cur.NewOr(l.cur.NewLoad(irtypes.I1, found), eq), found)
		})
		r := l.cur.NewLoad(irtypes.I1, found)
		if op == syntax.NotIn {
			return l.cur.NewXor(r, constant.True)
		}
		return r
	}
	rt := l.b.TypeOf(e).(*types.Array)
	ox, oy := l.operandOf(e, x, xt), l.operandOf(e, y, yt)
	return l.elementwise(e, ox, oy, rt, func(a, b value.Value) value.Value {
		return l.compare1(op, a, ox.elem, b, oy.elem)
	})
}

// arrayUnary lowers -a, +a, ~a and `not a`.
func (l *lowerer) arrayUnary(e *syntax.Unary, x value.Value, a *types.Array) value.Value {
	if e.Op == syntax.Not {
		return l.cur.NewXor(l.arrayTruth(e, x, a), constant.True)
	}
	return l.arrayMap(x, a, a, func(v value.Value) value.Value {
		switch e.Op {
		case syntax.Sub:
			if types.Is(a.Elem, types.Float) {
				return l.cur.NewFNeg(v)
			}
			return l.cur.NewSub(constant.NewInt(v.Type().(*irtypes.IntType), 0), v)
		case syntax.Invert:
			if types.Is(a.Elem, types.Bool) {
				return l.cur.NewXor(v, constant.True)
			}
			return l.cur.NewXor(v, constant.NewInt(v.Type().(*irtypes.IntType), -1))
		}
		return v
	})
}

// arrayTruth is NumPy's truth of an array: its element's when it has one,
// False when it is empty, ValueError (raised at `at`) otherwise.
func (l *lowerer) arrayTruth(at syntax.Node, v value.Value, a *types.Array) value.Value {
	if at == nil {
		at = &syntax.Name{} // no position known
	}
	size := l.product(l.arrDims(v, a.NDims))
	l.guard(l.cur.NewICmp(enum.IPredSGT, size, ci32(1)), func() {
		l.raise(at, "ValueError", "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()", nil)
	})
	res := l.entry.NewAlloca(irtypes.I1)
	l.cur.NewStore(constant.False, res)
	one := l.newBlock("truth.one")
	done := l.newBlock("truth.end")
	l.cur.NewCondBr(l.cur.NewICmp(enum.IPredEQ, size, ci32(1)), one, done)
	l.cur = one
	et := l.memType(a.Elem)
	l.cur.NewStore(l.truthOf(l.cur.NewLoad(et, l.arrPtr(v)), a.Elem), res)
	l.cur.NewBr(done)
	l.cur = done
	return l.cur.NewLoad(irtypes.I1, res)
}

// arrayAttr lowers a.shape, a.size and a.ndim.
func (l *lowerer) arrayAttr(e *syntax.Attribute, a *types.Array) value.Value {
	x := l.expr(e.X)
	dims := l.arrDims(x, a.NDims)
	switch e.Name {
	case "shape":
		t := l.b.TypeOf(e).(*types.Tuple)
		var v value.Value = constant.NewUndef(l.irType(t))
		for i, d := range dims {
			v = l.cur.NewInsertValue(v, d, uint64(i))
		}
		return v
	case "size":
		return l.product(dims)
	}
	return ci32(int64(a.NDims))
}

// ---------------------------------------------------------------------------
// Indexing

// arrayIndex normalizes index i of axis (negative counts from the end),
// raising IndexError with NumPy's message when it is out of bounds.
func (l *lowerer) arrayIndex(at syntax.Node, i value.Value, it types.Type, size value.Value, axis int) value.Value {
	i64 := l.convert(i, it, types.TInt64)
	n64 := l.cur.NewSExt(size, irtypes.I64)
	neg := l.cur.NewICmp(enum.IPredSLT, i64, constant.NewInt(irtypes.I64, 0))
	j := l.cur.NewSelect(neg, l.cur.NewAdd(i64, n64), i64)
	bad := l.cur.NewOr(l.cur.NewICmp(enum.IPredSLT, j, constant.NewInt(irtypes.I64, 0)), l.cur.NewICmp(enum.IPredSGE, j, n64))
	l.guard(bad, func() {
		l.raiseMsg(at, "IndexError", ArrayIndexMsgSymbol, i64, ci32(int64(axis)), size)
	})
	return l.cur.NewTrunc(j, irtypes.I32)
}

// arrayPart resolves a[...] to either the address of an element (elem
// set) or a view (view set, of type vt).
func (l *lowerer) arrayPart(e *syntax.Subscript, x value.Value, a *types.Array) (elem value.Value, view value.Value, vt *types.Array) {
	ptr := l.arrPtr(x)
	dims := l.arrDims(x, a.NDims)
	et := l.memType(a.Elem)
	strides := l.rowStrides(dims)
	if sl, ok := e.Index.(*syntax.Slice); ok {
		start, _, count := l.sliceIndices(e, sl, dims[0])
		p := l.elemPtr(et, ptr, l.cur.NewMul(start, strides[0]))
		nd := append([]value.Value{count}, dims[1:]...)
		return nil, l.makeArray(a, p, nd), a
	}
	var idx []syntax.Expr
	if tup, ok := e.Index.(*syntax.Tuple); ok {
		idx = tup.Elts
	} else {
		idx = []syntax.Expr{e.Index}
	}
	var off value.Value = ci32(0)
	for k, ix := range idx {
		i := l.arrayIndex(e, l.expr(ix), l.b.TypeOf(ix), dims[k], k)
		off = l.cur.NewAdd(off, l.cur.NewMul(i, strides[k]))
	}
	p := l.elemPtr(et, ptr, off)
	if len(idx) == a.NDims {
		return p, nil, nil
	}
	vt = &types.Array{Elem: a.Elem, NDims: a.NDims - len(idx)}
	return nil, l.makeArray(vt, p, dims[len(idx):]), vt
}

// arraySubscript lowers a[...] as a value.
func (l *lowerer) arraySubscript(e *syntax.Subscript, x value.Value, a *types.Array) value.Value {
	p, view, _ := l.arrayPart(e, x, a)
	if view != nil {
		return view
	}
	return l.cur.NewLoad(l.memType(a.Elem), p)
}

// storeArray lowers a[...] = v.
func (l *lowerer) storeArray(t *syntax.Subscript, v value.Value, vt types.Type) {
	a := l.b.TypeOf(t.X).(*types.Array)
	x := l.expr(t.X)
	p, view, pt := l.arrayPart(t, x, a)
	if view == nil {
		l.cur.NewStore(l.toElem(t, v, vt, a.Elem), p)
		return
	}
	l.assignInto(t, view, pt, v, vt)
}

// assignInto copies v (a scalar, an array or a list) into the array dst,
// broadcasting v's shape to dst's as NumPy does.
func (l *lowerer) assignInto(at syntax.Node, dst value.Value, dt *types.Array, v value.Value, vt types.Type) {
	src := l.operandOf(at, v, vt)
	dims := l.arrDims(dst, dt.NDims)
	ptr := l.arrPtr(dst)
	et := l.memType(dt.Elem)
	if src.isArray() {
		// Every source dimension must be the destination's or 1.
		var bad value.Value = constant.False
		for j := range src.dims {
			k := j + dt.NDims - len(src.dims)
			fits := l.cur.NewOr(l.cur.NewICmp(enum.IPredEQ, src.dims[j], dims[k]), l.cur.NewICmp(enum.IPredEQ, src.dims[j], ci32(1)))
			bad = l.cur.NewOr(bad, l.cur.NewXor(fits, constant.True))
		}
		l.guard(bad, func() {
			l.raiseMsg(at, "ValueError", ArrayShapeMsgSymbol, ci32(shapeMsgAssign),
				l.shapeArray(src.dims), ci32(int64(len(src.dims))), l.shapeArray(dims), ci32(int64(len(dims))))
		})
		src = l.unaliased(src, ptr, l.product(dims), dt.Elem, dims)
	}
	l.forEach(dims, [][]value.Value{l.strides(src, dt.NDims)}, func(offs []value.Value, flat value.Value) {
		e := l.toElem(at, src.load(l, offs[0]), src.elem, dt.Elem)
		l.cur.NewStore(e, l.elemPtr(et, ptr, flat))
	})
}

// unaliased returns src, or a copy of it when its elements overlap the
// n elements at dst other than as the very same array (dims), so that an
// element-wise write into dst reads the values src had before, as NumPy's
// overlap detection ensures.
func (l *lowerer) unaliased(src operand, dst, n value.Value, dstElem types.Type, dims []value.Value) operand {
	st := l.memType(src.elem)
	dt := l.memType(dstElem)
	sn := l.product(src.dims)
	sBegin := l.cur.NewPtrToInt(src.ptr, irtypes.I32)
	sEnd := l.cur.NewPtrToInt(l.elemPtr(st, src.ptr, sn), irtypes.I32)
	dBegin := l.cur.NewPtrToInt(dst, irtypes.I32)
	dEnd := l.cur.NewPtrToInt(l.elemPtr(dt, dst, n), irtypes.I32)
	overlap := l.cur.NewAnd(l.cur.NewICmp(enum.IPredULT, sBegin, dEnd), l.cur.NewICmp(enum.IPredULT, dBegin, sEnd))
	var same value.Value = l.cur.NewICmp(enum.IPredEQ, sBegin, dBegin)
	if len(src.dims) == len(dims) {
		for k := range dims {
			same = l.cur.NewAnd(same, l.cur.NewICmp(enum.IPredEQ, src.dims[k], dims[k]))
		}
	} else {
		same = constant.False
	}
	needCopy := l.cur.NewAnd(overlap, l.cur.NewXor(same, constant.True))
	slot := l.entry.NewAlloca(irtypes.NewPointer(st))
	l.cur.NewStore(src.ptr, slot)
	cp := l.newBlock("alias.copy")
	done := l.newBlock("alias.end")
	l.cur.NewCondBr(needCopy, cp, done)
	l.cur = cp
	tmp := l.allocElems(st, sn)
	l.memcopy(st, tmp, src.ptr, sn)
	l.cur.NewStore(tmp, slot)
	l.cur.NewBr(done)
	l.cur = done
	src.ptr = l.cur.NewLoad(irtypes.NewPointer(st), slot)
	return src
}

// arrayAugAssign lowers x op= y for an array x: in place, as NumPy does,
// so that every name holding x (and the array a view belongs to) sees the
// result.
func (l *lowerer) arrayAugAssign(s *syntax.AugAssign) {
	xt := l.b.TypeOf(s.Target).(*types.Array)
	yt := l.b.TypeOf(s.Value)
	x := l.expr(s.Target)
	y := l.expr(s.Value)
	ox, oy := l.operandOf(s, x, xt), l.operandOf(s, y, yt)
	n := xt.NDims
	if ay, ok := yt.(*types.Array); ok && ay.NDims > n {
		n = ay.NDims
	}
	dims := l.broadcast(s, ox, oy, n)
	// The result must have x's shape.
	var bad value.Value = constant.False
	if n != xt.NDims {
		bad = constant.True
	} else {
		for k := range dims {
			bad = l.cur.NewOr(bad, l.cur.NewICmp(enum.IPredNE, dims[k], ox.dims[k]))
		}
	}
	l.guard(bad, func() {
		l.raiseMsg(s, "ValueError", ArrayShapeMsgSymbol, ci32(shapeMsgOutput),
			l.shapeArray(ox.dims), ci32(int64(len(ox.dims))), l.shapeArray(dims), ci32(int64(len(dims))))
	})
	if n != xt.NDims {
		return
	}
	if oy.isArray() {
		oy = l.unaliased(oy, ox.ptr, l.product(ox.dims), xt.Elem, ox.dims)
	}
	rt := xt.Elem
	et := l.memType(xt.Elem)
	l.forEach(dims, [][]value.Value{l.strides(ox, n), l.strides(oy, n)}, func(offs []value.Value, flat value.Value) {
		a := ox.load(l, offs[0])
		b := oy.load(l, offs[1])
		r := l.elemOp(s, s.Op, a, ox.elem, b, oy.elem, rt)
		l.cur.NewStore(r, l.elemPtr(et, ox.ptr, flat))
	})
}

// ---------------------------------------------------------------------------
// Creation

// arrayFrom lowers array(x) for x a (nested) list or an array, converting
// the elements to rt's element type.
func (l *lowerer) arrayFrom(at syntax.Node, x value.Value, xt types.Type, rt *types.Array) value.Value {
	if r, ok := xt.(*types.Range); ok {
		start, stop, step := l.cur.NewExtractValue(x, 0), l.cur.NewExtractValue(x, 1), l.cur.NewExtractValue(x, 2)
		n := l.rangeLen(start, stop, step)
		v, ptr := l.allocArray(rt, []value.Value{n})
		dt := l.memType(rt.Elem)
		l.iterateIndexed(x, r, func(i, e value.Value) {
			l.cur.NewStore(l.toElem(at, e, r.Elem, rt.Elem), l.elemPtr(dt, ptr, i))
		})
		return v
	}
	if a, ok := xt.(*types.Array); ok {
		dims := l.arrDims(x, a.NDims)
		v, ptr := l.allocArray(rt, dims)
		st, dt := l.memType(a.Elem), l.memType(rt.Elem)
		src := l.arrPtr(x)
		l.loop(l.product(dims), func(i value.Value) {
			e := l.toElem(at, l.cur.NewLoad(st, l.elemPtr(st, src, i)), a.Elem, rt.Elem)
			l.cur.NewStore(e, l.elemPtr(dt, ptr, i))
		})
		return v
	}
	// The list levels, outermost first, and what the innermost holds.
	var levels []*types.List
	leaf := xt
	for {
		lt, ok := leaf.(*types.List)
		if !ok {
			break
		}
		levels = append(levels, lt)
		leaf = types.Resolve(lt.Elem)
	}
	d := len(levels)
	leafArr, _ := leaf.(*types.Array)
	nd := rt.NDims
	// The shape: each level's first list's length (0 below an empty one),
	// then the first leaf array's shape.
	dimSlots := make([]value.Value, nd)
	for k := range dimSlots {
		dimSlots[k] = l.entry.NewAlloca(irtypes.I32)
		l.cur.NewStore(ci32(0), dimSlots[k])
	}
	cur := x
	done := l.newBlock("array.shape.end")
	for k := 0; k < d; k++ {
		n := l.listLen(cur)
		l.cur.NewStore(n, dimSlots[k])
		if k == d-1 && leafArr == nil {
			break
		}
		next := l.newBlock("array.shape.next")
		l.cur.NewCondBr(l.cur.NewICmp(enum.IPredSGT, n, ci32(0)), next, done)
		l.cur = next
		et := l.memType(levels[k].Elem)
		cur = l.cur.NewLoad(et, l.listPtr(cur))
		if k == d-1 {
			for j, dd := range l.arrDims(cur, leafArr.NDims) {
				l.cur.NewStore(dd, dimSlots[d+j])
			}
		}
	}
	if l.cur.Term == nil {
		l.cur.NewBr(done)
	}
	l.cur = done
	dims := make([]value.Value, nd)
	for k := range dims {
		dims[k] = l.cur.NewLoad(irtypes.I32, dimSlots[k])
	}
	// Rectangular, level by level, as NumPy discovers the shape.
	ragged := func(after int) {
		l.raiseMsg(at, "ValueError", ArrayRaggedMsgSymbol, ci32(int64(after)), l.shapeArray(dims[:after]))
	}
	var walk func(v value.Value, k, target int, visit func(v value.Value))
	walk = func(v value.Value, k, target int, visit func(v value.Value)) {
		if k == target {
			visit(v)
			return
		}
		et := l.memType(levels[k].Elem)
		ptr := l.listPtr(v)
		l.loop(l.listLen(v), func(i value.Value) {
			walk(l.cur.NewLoad(et, l.elemPtr(et, ptr, i)), k+1, target, visit)
		})
	}
	for k := 1; k < d; k++ {
		k := k
		walk(x, 0, k, func(v value.Value) {
			l.guard(l.cur.NewICmp(enum.IPredNE, l.listLen(v), dims[k]), func() { ragged(k) })
		})
	}
	if leafArr != nil {
		for j := 0; j < leafArr.NDims; j++ {
			j := j
			walk(x, 0, d, func(v value.Value) {
				dd := l.cur.NewExtractValue(v, uint64(j+1))
				l.guard(l.cur.NewICmp(enum.IPredNE, dd, dims[d+j]), func() { ragged(d + j) })
			})
		}
	}
	v, ptr := l.allocArray(rt, dims)
	dt := l.memType(rt.Elem)
	flat := l.entry.NewAlloca(irtypes.I32)
	l.cur.NewStore(ci32(0), flat)
	walk(x, 0, d, func(e value.Value) {
		if leafArr == nil {
			i := l.cur.NewLoad(irtypes.I32, flat)
			l.cur.NewStore(l.toElem(at, e, leaf, rt.Elem), l.elemPtr(dt, ptr, i))
			l.cur.NewStore(l.cur.NewAdd(i, ci32(1)), flat)
			return
		}
		st := l.memType(leafArr.Elem)
		src := l.arrPtr(e)
		l.loop(l.product(l.arrDims(e, leafArr.NDims)), func(j value.Value) {
			i := l.cur.NewLoad(irtypes.I32, flat)
			el := l.toElem(at, l.cur.NewLoad(st, l.elemPtr(st, src, j)), leafArr.Elem, rt.Elem)
			l.cur.NewStore(el, l.elemPtr(dt, ptr, i))
			l.cur.NewStore(l.cur.NewAdd(i, ci32(1)), flat)
		})
	})
	return v
}

// shapeDims evaluates the shape argument of numpy.zeros/ones/full: an
// integer or a tuple of integers; negative dimensions raise ValueError.
func (l *lowerer) shapeDims(at syntax.Node, e syntax.Expr, n int) []value.Value {
	v, t := l.expr(e), l.b.TypeOf(e)
	var dims []value.Value
	if tup, ok := t.(*types.Tuple); ok {
		for i, et := range tup.Elems {
			dims = append(dims, l.convertNumber(l.cur.NewExtractValue(v, uint64(i)), et, types.TInt32, at))
		}
	} else {
		dims = []value.Value{l.convertNumber(v, t, types.TInt32, at)}
	}
	var bad value.Value = constant.False
	for _, d := range dims {
		bad = l.cur.NewOr(bad, l.cur.NewICmp(enum.IPredSLT, d, ci32(0)))
	}
	l.guard(bad, func() { l.raise(at, "ValueError", "negative dimensions are not allowed", nil) })
	return dims[:n]
}

// fill stores v in the n elements at ptr.
func (l *lowerer) fill(ptr, n, v value.Value, elem types.Type) {
	et := l.memType(elem)
	l.loop(n, func(i value.Value) {
		l.cur.NewStore(v, l.elemPtr(et, ptr, i))
	})
}

// arrayBuiltin lowers the array-making builtins and the array methods;
// ok is false for other builtins.
func (l *lowerer) arrayBuiltin(e *syntax.Call, ci *types.CallInfo) (value.Value, bool) {
	name := ci.Builtin
	if strings.HasPrefix(name, "array.") {
		return l.arrayMethod(e, ci, name[len("array."):]), true
	}
	switch name {
	case "array", "numpy.array", "numpy.zeros", "numpy.ones", "numpy.full", "numpy.arange", "numpy.linspace":
	default:
		return nil, false
	}
	rt := l.b.TypeOf(e).(*types.Array)
	d := irtypes.Double
	switch name {
	case "array", "numpy.array":
		a := e.Args[0]
		return l.arrayFrom(e, l.expr(a), l.b.TypeOf(a), rt), true
	case "numpy.zeros", "numpy.ones", "numpy.full":
		dims := l.shapeDims(e, e.Args[0], rt.NDims)
		v, ptr := l.allocArray(rt, dims)
		var fillV value.Value
		switch name {
		case "numpy.zeros":
			fillV = zero(l.memType(rt.Elem))
		case "numpy.ones":
			fillV = l.toElem(e, ci32(1), types.TInt32, rt.Elem)
		default:
			fv := e.Args[1]
			fillV = l.toElem(e, l.expr(fv), l.b.TypeOf(fv), rt.Elem)
		}
		l.fill(ptr, l.product(dims), fillV, rt.Elem)
		return v, true
	case "numpy.arange":
		args := make([]value.Value, len(e.Args))
		for i, a := range e.Args {
			args[i] = l.convert(l.expr(a), l.b.TypeOf(a), rt.Elem)
		}
		et := l.irType(rt.Elem)
		var start, stop, step value.Value = zero(et), nil, nil
		switch len(args) {
		case 1:
			stop = args[0]
		case 2:
			start, stop = args[0], args[1]
		default:
			start, stop, step = args[0], args[1], args[2]
		}
		if types.Is(rt.Elem, types.Float) {
			if step == nil {
				step = constant.NewFloat(d, 1)
			}
			l.guard(l.cur.NewFCmp(enum.FPredOEQ, step, constant.NewFloat(d, 0)), func() {
				l.raise(e, "ZeroDivisionError", "float division by zero", nil)
			})
			// len = ceil((stop - start) / step); the values are start +
			// i * delta with delta = (start + step) - start, as NumPy fills.
			q := l.cur.NewFDiv(l.cur.NewFSub(stop, start), step)
			c := l.cur.NewCall(l.external("ceil", d, false, d), q)
			pos := l.cur.NewFCmp(enum.FPredOGT, c, constant.NewFloat(d, 0))
			n := l.cur.NewSelect(pos, l.checkedFPToSI(e, c, irtypes.I32), ci32(0))
			v, ptr := l.allocArray(rt, []value.Value{n})
			delta := l.cur.NewFSub(l.cur.NewFAdd(start, step), start)
			l.loop(n, func(i value.Value) {
				fi := l.cur.NewSIToFP(i, d)
				val := l.cur.NewFAdd(start, l.cur.NewFMul(fi, delta))
				isOne := l.cur.NewICmp(enum.IPredEQ, i, ci32(1))
				val2 := l.cur.NewSelect(isOne, l.cur.NewFAdd(start, step), val)
				l.cur.NewStore(val2, l.elemPtr(d, ptr, i))
			})
			return v, true
		}
		it := et.(*irtypes.IntType)
		if step == nil {
			step = constant.NewInt(it, 1)
		}
		l.guard(l.cur.NewICmp(enum.IPredEQ, step, constant.NewInt(it, 0)), func() {
			l.raise(e, "ZeroDivisionError", "division by zero", nil)
		})
		n := l.rangeLen(start, stop, step)
		v, ptr := l.allocArray(rt, []value.Value{n})
		l.loop(n, func(i value.Value) {
			j := i
			if it.BitSize == 64 {
				j = l.cur.NewSExt(i, irtypes.I64)
			}
			l.cur.NewStore(l.cur.NewAdd(start, l.cur.NewMul(j, step)), l.elemPtr(it, ptr, i))
		})
		return v, true
	case "numpy.linspace":
		start := l.convert(l.expr(ci.Args[0]), l.b.TypeOf(ci.Args[0]), types.TFloat)
		stop := l.convert(l.expr(ci.Args[1]), l.b.TypeOf(ci.Args[1]), types.TFloat)
		var num value.Value = ci32(50)
		if len(ci.Args) > 2 {
			num = l.convertNumber(l.expr(ci.Args[2]), l.b.TypeOf(ci.Args[2]), types.TInt32, e)
		}
		l.guard(l.cur.NewICmp(enum.IPredSLT, num, ci32(0)), func() {
			l.raiseMsg(e, "ValueError", ArraySamplesMsgSymbol, num)
		})
		v, ptr := l.allocArray(rt, []value.Value{num})
		div := l.cur.NewSub(num, ci32(1))
		divF := l.cur.NewSIToFP(div, d)
		delta := l.cur.NewFSub(stop, start)
		step := l.cur.NewFDiv(delta, divF)
		stepZero := l.cur.NewFCmp(enum.FPredOEQ, step, constant.NewFloat(d, 0))
		divPos := l.cur.NewICmp(enum.IPredSGT, div, ci32(0))
		l.loop(num, func(i value.Value) {
			fi := l.cur.NewSIToFP(i, d)
			byStep := l.cur.NewFMul(fi, step)
			byDelta := l.cur.NewFMul(l.cur.NewFDiv(fi, divF), delta)
			y := l.cur.NewSelect(stepZero, byDelta, byStep)
			y = l.cur.NewSelect(divPos, y, l.cur.NewFMul(fi, delta))
			l.cur.NewStore(l.cur.NewFAdd(y, start), l.elemPtr(d, ptr, i))
		})
		// The last sample is stop itself.
		last := l.newBlock("linspace.last")
		end := l.newBlock("linspace.end")
		l.cur.NewCondBr(divPos, last, end)
		l.cur = last
		l.cur.NewStore(stop, l.elemPtr(d, ptr, div))
		l.cur.NewBr(end)
		l.cur = end
		return v, true
	}
	return nil, false
}

// arrayMethod lowers a.copy(), a.flatten(), a.fill(v), a.sum(), a.min()
// and a.max().
func (l *lowerer) arrayMethod(e *syntax.Call, ci *types.CallInfo, name string) value.Value {
	a := l.b.TypeOf(ci.Recv).(*types.Array)
	x := l.expr(ci.Recv)
	dims := l.arrDims(x, a.NDims)
	n := l.product(dims)
	et := l.memType(a.Elem)
	ptr := l.arrPtr(x)
	switch name {
	case "copy", "flatten":
		rt := l.b.TypeOf(e).(*types.Array)
		nd := dims
		if name == "flatten" {
			nd = []value.Value{n}
		}
		v, dst := l.allocArray(rt, nd)
		l.memcopy(et, dst, ptr, n)
		return v
	case "fill":
		arg := e.Args[0]
		l.fill(ptr, n, l.toElem(e, l.expr(arg), l.b.TypeOf(arg), a.Elem), a.Elem)
		return nil
	case "mean", "sum":
		rt := l.b.TypeOf(e)
		if types.Is(rt, types.Float) {
			// NumPy's pairwise summation, in the support library.
			d := irtypes.Double
			f := l.external(ArraySumSymbol, d, false, irtypes.I8Ptr, irtypes.I32, irtypes.I32)
			s := l.cur.NewCall(f, l.cur.NewBitCast(ptr, irtypes.I8Ptr), n, ci32(arrayKind(a.Elem)))
			if name == "mean" {
				return l.cur.NewFDiv(s, l.cur.NewSIToFP(n, d))
			}
			return s
		}
		acc := l.entry.NewAlloca(l.irType(rt))
		l.cur.NewStore(zero(l.irType(rt)), acc)
		l.loop(n, func(i value.Value) {
			var v value.Value = l.cur.NewLoad(et, l.elemPtr(et, ptr, i))
			if types.Is(a.Elem, types.Bool) {
				v = l.cur.NewZExt(v, irtypes.I32)
			}
			cur := l.cur.NewLoad(l.irType(rt), acc)
			if types.Is(rt, types.Float) {
				l.cur.NewStore(l.cur.NewFAdd(cur, v), acc)
			} else {
				l.cur.NewStore(l.cur.NewAdd(cur, v), acc)
			}
		})
		return l.cur.NewLoad(l.irType(rt), acc)
	case "min", "max":
		// NumPy: "zero-size array to reduction operation minimum which has
		// no identity"; NaN propagates.
		l.guard(l.cur.NewICmp(enum.IPredEQ, n, ci32(0)), func() {
			op := map[string]string{"min": "minimum", "max": "maximum"}[name]
			l.raise(e, "ValueError", "zero-size array to reduction operation "+op+" which has no identity", nil)
		})
		best := l.entry.NewAlloca(et)
		l.cur.NewStore(l.cur.NewLoad(et, ptr), best)
		l.loop(n, func(i value.Value) {
			v := l.cur.NewLoad(et, l.elemPtr(et, ptr, i))
			b := l.cur.NewLoad(et, best)
			var better value.Value
			switch {
			case types.Is(a.Elem, types.Float):
				pred := enum.FPredOLT
				if name == "max" {
					pred = enum.FPredOGT
				}
				// NaN wins: once best is NaN it stays; a NaN v replaces it.
				better = l.cur.NewOr(l.cur.NewFCmp(pred, v, b), l.cur.NewFCmp(enum.FPredUNO, v, v))
				better = l.cur.NewAnd(better, l.cur.NewFCmp(enum.FPredORD, b, b))
			case types.Is(a.Elem, types.Bool):
				pred := enum.IPredULT
				if name == "max" {
					pred = enum.IPredUGT
				}
				better = l.cur.NewICmp(pred, v, b)
			default:
				pred := enum.IPredSLT
				if name == "max" {
					pred = enum.IPredSGT
				}
				better = l.cur.NewICmp(pred, v, b)
			}
			l.cur.NewStore(l.cur.NewSelect(better, v, b), best)
		})
		return l.cur.NewLoad(et, best)
	}
	panic("lower: unknown array method " + name)
}

// arrayMath lowers numpy.f(...) element-wise when an argument is an
// array; ok is false otherwise.
func (l *lowerer) arrayMath(e *syntax.Call, ci *types.CallInfo, mod, fn string) (value.Value, bool) {
	rt, isArray := l.b.TypeOf(e).(*types.Array)
	if !isArray {
		return nil, false
	}
	sig := ci.Callee.Type.(*types.Func)
	ops := make([]operand, len(e.Args))
	for i, a := range e.Args {
		ops[i] = l.operandOf(e, l.expr(a), l.b.TypeOf(a))
	}
	call := func(vals []value.Value) value.Value {
		args := make([]value.Value, len(vals))
		for i, v := range vals {
			t := ops[i].elem
			if types.Is(t, types.Bool) {
				v, t = l.cur.NewZExt(v, irtypes.I32), types.TInt32
			}
			args[i] = l.convert(v, t, sig.Params[i].Type)
		}
		return l.mathValues(e, mod, fn, args)
	}
	if len(ops) == 1 {
		o := ops[0]
		src := &types.Array{Elem: o.elem, NDims: len(o.dims)}
		return l.arrayMap(l.makeArray(src, o.ptr, o.dims), src, rt, func(v value.Value) value.Value {
			return call([]value.Value{v})
		}), true
	}
	return l.elementwise(e, ops[0], ops[1], rt, func(a, b value.Value) value.Value {
		return call([]value.Value{a, b})
	}), true
}

// ---------------------------------------------------------------------------
// Iteration and printing

// arrayIter gives the length and the element getter of an array: its
// elements (one dimension) or its rows, as views.
func (l *lowerer) arrayIter(iter value.Value, a *types.Array) (value.Value, func(i value.Value) value.Value) {
	dims := l.arrDims(iter, a.NDims)
	ptr := l.arrPtr(iter)
	et := l.memType(a.Elem)
	if a.NDims == 1 {
		return dims[0], func(i value.Value) value.Value {
			return l.cur.NewLoad(et, l.elemPtr(et, ptr, i))
		}
	}
	rt := &types.Array{Elem: a.Elem, NDims: a.NDims - 1}
	row := l.product(dims[1:])
	return dims[0], func(i value.Value) value.Value {
		return l.makeArray(rt, l.elemPtr(et, ptr, l.cur.NewMul(i, row)), dims[1:])
	}
}

// array prints an array as NumPy does: str() at the top level, repr()
// inside containers.
func (p *printer) array(v value.Value, a *types.Array, repr bool) {
	l := p.l
	p.flush()
	f := l.external(ArrayPrintSymbol, irtypes.Void, false, irtypes.I8Ptr, irtypes.NewPointer(irtypes.I32), irtypes.I32, irtypes.I32, irtypes.I32)
	r := int64(0)
	if repr {
		r = 1
	}
	l.cur.NewCall(f, l.cur.NewBitCast(l.arrPtr(v), irtypes.I8Ptr), l.shapeArray(l.arrDims(v, a.NDims)),
		ci32(int64(a.NDims)), ci32(arrayKind(a.Elem)), ci32(r))
}

var (
	_ = math.Inf
	_ = ir.NewBlock
	_ = maxBroadcastDimsInMsg
)

// matmul lowers x @ y for arrays (or lists) of one or two dimensions.
func (l *lowerer) matmul(at syntax.Node, x value.Value, xt types.Type, y value.Value, yt types.Type, rt types.Type) value.Value {
	ox, oy := l.operandOf(at, x, xt), l.operandOf(at, y, yt)
	nx, ny := len(ox.dims), len(oy.dims)
	kx, ky := ox.dims[nx-1], oy.dims[0]
	l.guard(l.cur.NewICmp(enum.IPredNE, kx, ky), func() {
		l.raiseMsg(at, "ValueError", ArrayMatmulMsgSymbol, ky, kx)
	})
	rows, cols := value.Value(ci32(1)), value.Value(ci32(1))
	var dims []value.Value
	if nx == 2 {
		rows = ox.dims[0]
		dims = append(dims, rows)
	}
	if ny == 2 {
		cols = oy.dims[1]
		dims = append(dims, cols)
	}
	ct := rt
	if a, ok := rt.(*types.Array); ok {
		ct = a.Elem
	}
	cty := l.irType(ct)
	conv := func(v value.Value, t types.Type) value.Value {
		if types.Is(t, types.Bool) {
			v, t = l.cur.NewZExt(v, irtypes.I32), types.TInt32
		}
		return l.convert(v, t, ct)
	}
	acc := l.entry.NewAlloca(cty)
	product := func(i, j value.Value, store func(v value.Value)) {
		l.cur.NewStore(zero(cty), acc)
		l.loop(kx, func(t value.Value) {
			a := conv(ox.load(l, l.cur.NewAdd(l.cur.NewMul(i, kx), t)), ox.elem)
			b := conv(oy.load(l, l.cur.NewAdd(l.cur.NewMul(t, cols), j)), oy.elem)
			cur := l.cur.NewLoad(cty, acc)
			if types.Is(ct, types.Float) {
				l.cur.NewStore(l.cur.NewFAdd(cur, l.cur.NewFMul(a, b)), acc)
			} else {
				l.cur.NewStore(l.cur.NewAdd(cur, l.cur.NewMul(a, b)), acc)
			}
		})
		store(l.cur.NewLoad(cty, acc))
	}
	if len(dims) == 0 {
		var r value.Value
		product(ci32(0), ci32(0), func(v value.Value) { r = v })
		return r
	}
	a := rt.(*types.Array)
	v, ptr := l.allocArray(a, dims)
	et := l.memType(a.Elem)
	l.loop(rows, func(i value.Value) {
		l.loop(cols, func(j value.Value) {
			product(i, j, func(r value.Value) {
				l.cur.NewStore(r, l.elemPtr(et, ptr, l.cur.NewAdd(l.cur.NewMul(i, cols), j)))
			})
		})
	})
	return v
}
