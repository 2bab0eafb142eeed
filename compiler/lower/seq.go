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

// Lists are pointers to a header {T* data, i32 len, i32 cap} in the
// kernel heap (__kernel_alloc in the support library), whose elements live
// in the heap too: copies of a list value share the list, as Python's
// names do, and append, extend or += grow it in place (moving the
// elements, not the header). The header starts with ARTIQ's {T*, i32}
// list layout, so a pointer to it is what ARTIQ's syscalls take; RPCs
// convert nested lists to ARTIQ's layout (rpc.go). Tuples are LLVM
// structs held by value; ranges are {start, stop, step}; strings are
// {i8*, i32} values.

var i32 = irtypes.I32

func ci32(v int64) constant.Constant { return constant.NewInt(irtypes.I32, v) }

// listHeader is the header struct of a list of elements of LLVM type elem.
func (l *lowerer) listHeader(elem irtypes.Type) *irtypes.StructType {
	if elem == irtypes.Void {
		elem = noneType
	}
	return irtypes.NewStruct(irtypes.NewPointer(elem), irtypes.I32, irtypes.I32)
}

// listType is the LLVM type of a list value.
func (l *lowerer) listType(elem irtypes.Type) irtypes.Type {
	return irtypes.NewPointer(l.listHeader(elem))
}

// sizeOf is the allocation size of t as an i32 constant expression
// (the getelementptr-from-null idiom keeps it target-independent).
func sizeOf(t irtypes.Type) constant.Constant {
	null := constant.NewNull(irtypes.NewPointer(t))
	end := constant.NewGetElementPtr(t, null, ci32(1))
	return constant.NewPtrToInt(end, irtypes.I32)
}

// allocElems allocates n elements of type elem in the kernel heap.
func (l *lowerer) allocElems(elem irtypes.Type, n value.Value) value.Value {
	alloc := l.external("__kernel_alloc", irtypes.I8Ptr, false, irtypes.I32)
	bytes := l.cur.NewMul(n, sizeOf(elem))
	p := l.callOrInvoke(alloc, bytes)
	return l.cur.NewBitCast(p, irtypes.NewPointer(elem))
}

// makeList makes a new list of n elements of type elem stored at ptr
// (which the list owns from now on).
func (l *lowerer) makeList(elem irtypes.Type, ptr, n value.Value) value.Value {
	ht := l.listHeader(elem)
	alloc := l.external("__kernel_alloc", irtypes.I8Ptr, false, irtypes.I32)
	h := l.cur.NewBitCast(l.callOrInvoke(alloc, sizeOf(ht)), irtypes.NewPointer(ht))
	l.cur.NewStore(ptr, l.listField(h, 0))
	l.cur.NewStore(n, l.listField(h, 1))
	l.cur.NewStore(n, l.listField(h, 2))
	return h
}

// listField points at field i of a list's header (0 data, 1 len, 2 cap).
func (l *lowerer) listField(v value.Value, i int64) value.Value {
	ht := v.Type().(*irtypes.PointerType).ElemType
	return l.cur.NewGetElementPtr(ht, v, ci32(0), ci32(i))
}

func (l *lowerer) listElemType(v value.Value) irtypes.Type {
	ht := v.Type().(*irtypes.PointerType).ElemType.(*irtypes.StructType)
	return ht.Fields[0].(*irtypes.PointerType).ElemType
}

func (l *lowerer) listPtr(v value.Value) value.Value {
	return l.cur.NewLoad(irtypes.NewPointer(l.listElemType(v)), l.listField(v, 0))
}

func (l *lowerer) listLen(v value.Value) value.Value {
	return l.cur.NewLoad(irtypes.I32, l.listField(v, 1))
}

// makeStr makes a string value of n bytes at ptr.
func (l *lowerer) makeStr(ptr, n value.Value) value.Value {
	var v value.Value = constant.NewUndef(l.strType)
	v = l.cur.NewInsertValue(v, ptr, 0)
	return l.cur.NewInsertValue(v, n, 1)
}

func (l *lowerer) elemPtr(elem irtypes.Type, base, i value.Value) value.Value {
	return l.cur.NewGetElementPtr(elem, base, i)
}

// memcopy copies n elements of type elem from src to dst.
func (l *lowerer) memcopy(elem irtypes.Type, dst, src, n value.Value) {
	memmove := l.external("memmove", irtypes.I8Ptr, false, irtypes.I8Ptr, irtypes.I8Ptr, irtypes.I32)
	l.cur.NewCall(memmove,
		l.cur.NewBitCast(dst, irtypes.I8Ptr), l.cur.NewBitCast(src, irtypes.I8Ptr),
		l.cur.NewMul(n, sizeOf(elem)))
}

// loop emits `for i in [0, n): body(i)` and continues after it.
func (l *lowerer) loop(n value.Value, body func(i value.Value)) {
	it := n.Type().(*irtypes.IntType)
	counter := l.entry.NewAlloca(it)
	l.cur.NewStore(constant.NewInt(it, 0), counter)
	head := l.newBlock("loop.cond")
	bodyB := l.newBlock("loop.body")
	done := l.newBlock("loop.end")
	l.cur.NewBr(head)
	l.cur = head
	i := l.cur.NewLoad(it, counter)
	l.cur.NewCondBr(l.cur.NewICmp(enum.IPredSLT, i, n), bodyB, done)
	l.cur = bodyB
	body(i)
	if l.cur.Term == nil {
		cur := l.cur.NewLoad(it, counter)
		l.cur.NewStore(l.cur.NewAdd(cur, constant.NewInt(it, 1)), counter)
		l.cur.NewBr(head)
	}
	l.cur = done
}

func (l *lowerer) listLit(e *syntax.List, t *types.List) value.Value {
	et := l.memType(t.Elem)
	n := ci32(int64(len(e.Elts)))
	ptr := l.allocElems(et, n)
	for i, x := range e.Elts {
		v := l.convert(l.expr(x), l.b.TypeOf(x), t.Elem)
		l.cur.NewStore(memValue(v), l.elemPtr(et, ptr, ci32(int64(i))))
	}
	return l.makeList(et, ptr, n)
}

func (l *lowerer) tupleLit(e *syntax.Tuple, t *types.Tuple) value.Value {
	tt := l.irType(t)
	var v value.Value = constant.NewUndef(tt)
	for i, x := range e.Elts {
		xv := l.convert(l.expr(x), l.b.TypeOf(x), t.Elems[i])
		v = l.cur.NewInsertValue(v, memValue(xv), uint64(i))
	}
	return v
}

// index normalizes a Python index (negative counts from the end) and
// raises IndexError when it is out of range.
func (l *lowerer) index(at syntax.Node, i value.Value, it types.Type, n value.Value) value.Value {
	return l.indexMsg(at, i, it, n, "list index out of range")
}

func (l *lowerer) indexMsg(at syntax.Node, i value.Value, it types.Type, n value.Value, msg string) value.Value {
	if types.Is(it, types.Int64) {
		// Indices beyond int32 are out of range anyway; clamp before truncating.
		big := l.cur.NewICmp(enum.IPredSGT, i, constant.NewInt(irtypes.I64, 1<<31-1))
		small := l.cur.NewICmp(enum.IPredSLT, i, constant.NewInt(irtypes.I64, -(1<<31)))
		i = l.cur.NewTrunc(i, irtypes.I32)
		i = l.cur.NewSelect(l.cur.NewOr(big, small), ci32(1<<31-1), i)
	}
	neg := l.cur.NewICmp(enum.IPredSLT, i, ci32(0))
	i = l.cur.NewSelect(neg, l.cur.NewAdd(i, n), i)
	bad := l.cur.NewOr(l.cur.NewICmp(enum.IPredSLT, i, ci32(0)), l.cur.NewICmp(enum.IPredSGE, i, n))
	ok := l.newBlock("index.ok")
	fail := l.newBlock("index.fail")
	l.cur.NewCondBr(bad, fail, ok)
	l.cur = fail
	l.raise(at, "IndexError", msg, nil)
	l.cur = ok
	return i
}

func (l *lowerer) subscript(e *syntax.Subscript) value.Value {
	xt := l.b.TypeOf(e.X)
	x := l.expr(e.X)
	if a, ok := xt.(*types.Array); ok {
		return l.arraySubscript(e, x, a) // array.go
	}
	if sl, ok := e.Index.(*syntax.Slice); ok {
		if types.IsBytesLike(xt) {
			return l.bytesSlice(sl, x) // bytes.go
		}
		if types.Is(xt, types.Str) {
			return l.strSlice(sl, x)
		}
		lt := xt.(*types.List)
		return l.slice(sl, x, l.memType(lt.Elem))
	}
	if types.IsBytesLike(xt) {
		return l.bytesIndex(e, x, xt) // bytes.go
	}
	if types.Is(xt, types.Str) {
		n := l.strLen(x)
		i := l.indexMsg(e, l.expr(e.Index), l.b.TypeOf(e.Index), n, "string index out of range")
		return l.strAt(x, i)
	}
	switch t := xt.(type) {
	case *types.Tuple:
		i, _ := constIndex(e.Index)
		if i < 0 {
			i += int64(len(t.Elems))
		}
		return l.cur.NewExtractValue(x, uint64(i))
	case *types.List:
		n := l.listLen(x)
		i := l.index(e, l.expr(e.Index), l.b.TypeOf(e.Index), n)
		et := l.memType(t.Elem)
		return l.cur.NewLoad(et, l.elemPtr(et, l.listPtr(x), i))
	case *types.Range:
		start, stop, step := l.cur.NewExtractValue(x, 0), l.cur.NewExtractValue(x, 1), l.cur.NewExtractValue(x, 2)
		i := l.indexMsg(e, l.expr(e.Index), l.b.TypeOf(e.Index), l.rangeLen(start, stop, step), "range object index out of range")
		var j value.Value = i
		if start.Type() != i.Type() {
			j = l.cur.NewSExt(i, start.Type())
		}
		return l.cur.NewAdd(start, l.cur.NewMul(j, step))
	}
	panic("lower: bad subscript")
}

func constIndex(e syntax.Expr) (int64, bool) {
	switch e := e.(type) {
	case *syntax.IntLit:
		v, ok := new(bigInt).SetString(e.Text, 0)
		if ok {
			return v.Int64(), true
		}
	case *syntax.Unary:
		if v, ok := constIndex(e.X); ok && e.Op == syntax.Sub {
			return -v, true
		}
	}
	return 0, false
}

// sliceIndices computes CPython's PySlice_AdjustIndices: the first index,
// the step and the number of elements that lo:hi:step selects from n.
func (l *lowerer) sliceIndices(at syntax.Node, s *syntax.Slice, n value.Value) (start, step, count value.Value) {
	bound := func(e syntax.Expr) value.Value {
		if e == nil {
			return nil
		}
		return l.convertNumber(l.expr(e), l.b.TypeOf(e), types.TInt32, e)
	}
	lo, hi := bound(s.Lo), bound(s.Hi)
	step = ci32(1)
	if s.Step != nil {
		step = bound(s.Step)
		ok := l.newBlock("slice.ok")
		zero := l.newBlock("slice.zero")
		l.cur.NewCondBr(l.cur.NewICmp(enum.IPredEQ, step, ci32(0)), zero, ok)
		l.cur = zero
		l.raise(at, "ValueError", "slice step cannot be zero", nil)
		l.cur = ok
	}
	up := l.cur.NewICmp(enum.IPredSGT, step, ci32(0))
	// Defaults: [0, n) going up, [n-1, -1) going down.
	nm1 := l.cur.NewSub(n, ci32(1))
	adjust := func(v value.Value, defUp, defDown value.Value) value.Value {
		if v == nil {
			return l.cur.NewSelect(up, defUp, defDown)
		}
		neg := l.cur.NewICmp(enum.IPredSLT, v, ci32(0))
		v = l.cur.NewSelect(neg, l.cur.NewAdd(v, n), v)
		// Clamp: going up to [0, n]; going down to [-1, n-1].
		lowClamp := l.cur.NewSelect(up, ci32(0), ci32(-1))
		highClamp := l.cur.NewSelect(up, n, nm1)
		v = l.cur.NewSelect(l.cur.NewICmp(enum.IPredSLT, v, lowClamp), lowClamp, v)
		return l.cur.NewSelect(l.cur.NewICmp(enum.IPredSGT, v, highClamp), highClamp, v)
	}
	start = adjust(lo, ci32(0), nm1)
	stop := adjust(hi, n, ci32(-1))
	// count = ceil((stop - start) / step) when positive, else 0.
	diff := l.cur.NewSub(stop, start)
	stepAbs := l.cur.NewSelect(up, step, l.cur.NewSub(ci32(0), step))
	diffDir := l.cur.NewSelect(up, diff, l.cur.NewSub(ci32(0), diff))
	c := l.cur.NewSDiv(l.cur.NewAdd(diffDir, l.cur.NewSub(stepAbs, ci32(1))), stepAbs)
	count = l.cur.NewSelect(l.cur.NewICmp(enum.IPredSGT, diffDir, ci32(0)), c, ci32(0))
	return start, step, count
}

func (l *lowerer) slice(s *syntax.Slice, x value.Value, et irtypes.Type) value.Value {
	start, step, count := l.sliceIndices(s, s, l.listLen(x))
	src := l.listPtr(x)
	dst := l.allocElems(et, count)
	l.loop(count, func(i value.Value) {
		j := l.cur.NewAdd(start, l.cur.NewMul(i, step))
		v := l.cur.NewLoad(et, l.elemPtr(et, src, j))
		l.cur.NewStore(v, l.elemPtr(et, dst, i))
	})
	return l.makeList(et, dst, count)
}

// storeSubscript assigns v to x[i] or x[lo:hi:step].
func (l *lowerer) storeSubscript(t *syntax.Subscript, v value.Value, vt types.Type) {
	if types.Is(l.b.TypeOf(t.X), types.ByteArray) {
		l.storeByte(t, v, vt) // bytes.go
		return
	}
	if _, ok := l.b.TypeOf(t.X).(*types.Array); ok {
		l.storeArray(t, v, vt) // array.go
		return
	}
	lt := l.b.TypeOf(t.X).(*types.List)
	et := l.memType(lt.Elem)
	x := l.expr(t.X)
	if s, ok := t.Index.(*syntax.Slice); ok && s.Step == nil {
		// xs[i:j] = ys replaces the slice, growing or shrinking the list.
		start, _, count := l.sliceIndices(s, s, l.listLen(x))
		n := l.listLen(v)
		tmp := l.allocElems(et, n) // the source may be the list itself
		l.memcopy(et, tmp, l.listPtr(v), n)
		len0 := l.listLen(x)
		tail := l.cur.NewSub(l.cur.NewSub(len0, start), count)
		newLen := l.cur.NewAdd(l.cur.NewSub(len0, count), n)
		l.listReserve(x, newLen)
		p := l.listPtr(x)
		l.memcopy(et, l.elemPtr(et, p, l.cur.NewAdd(start, n)), l.elemPtr(et, p, l.cur.NewAdd(start, count)), tail)
		l.memcopy(et, l.elemPtr(et, p, start), tmp, n)
		l.cur.NewStore(newLen, l.listField(x, 1))
		return
	}
	if s, ok := t.Index.(*syntax.Slice); ok {
		start, step, count := l.sliceIndices(s, s, l.listLen(x))
		n := l.listLen(v)
		ok := l.newBlock("sliceset.ok")
		bad := l.newBlock("sliceset.size")
		l.cur.NewCondBr(l.cur.NewICmp(enum.IPredEQ, n, count), ok, bad)
		l.cur = bad
		l.raise(t, "ValueError", "attempt to assign a sequence to an extended slice of another size", nil)
		l.cur = ok
		// Copy the source first: it may be the same list.
		tmp := l.allocElems(et, n)
		l.memcopy(et, tmp, l.listPtr(v), n)
		dst := l.listPtr(x)
		l.loop(count, func(i value.Value) {
			j := l.cur.NewAdd(start, l.cur.NewMul(i, step))
			e := l.cur.NewLoad(et, l.elemPtr(et, tmp, i))
			l.cur.NewStore(e, l.elemPtr(et, dst, j))
		})
		return
	}
	i := l.indexMsg(t, l.expr(t.Index), l.b.TypeOf(t.Index), l.listLen(x), "list assignment index out of range")
	l.cur.NewStore(memValue(l.convert(v, vt, lt.Elem)), l.elemPtr(et, l.listPtr(x), i))
}

// concat lowers list + list.
func (l *lowerer) concat(x, y value.Value, et irtypes.Type) value.Value {
	nx, ny := l.listLen(x), l.listLen(y)
	n := l.cur.NewAdd(nx, ny)
	dst := l.allocElems(et, n)
	l.memcopy(et, dst, l.listPtr(x), nx)
	l.memcopy(et, l.elemPtr(et, dst, nx), l.listPtr(y), ny)
	return l.makeList(et, dst, n)
}

// repeat lowers list * n (a negative n gives an empty list, as in Python).
func (l *lowerer) repeat(x, times value.Value, et irtypes.Type) value.Value {
	dst, n := l.repeatElems(l.listPtr(x), l.listLen(x), times, et)
	return l.makeList(et, dst, n)
}

// repeatElems copies the nx elements at src times times into a new array.
func (l *lowerer) repeatElems(src, nx, times value.Value, et irtypes.Type) (dst, n value.Value) {
	if times.Type() == irtypes.I64 {
		times = l.cur.NewTrunc(times, irtypes.I32)
	}
	times = l.cur.NewSelect(l.cur.NewICmp(enum.IPredSLT, times, ci32(0)), ci32(0), times)
	n = l.cur.NewMul(nx, times)
	dst = l.allocElems(et, n)
	l.loop(times, func(i value.Value) {
		l.memcopy(et, l.elemPtr(et, dst, l.cur.NewMul(i, nx)), src, nx)
	})
	return dst, n
}

// strRepeat lowers str * n.
func (l *lowerer) strRepeat(s, times value.Value) value.Value {
	dst, n := l.repeatElems(l.cur.NewExtractValue(s, 0), l.cur.NewExtractValue(s, 1), times, irtypes.I8)
	return l.makeStr(dst, n)
}

// seqBinary lowers + and * on lists and tuples.
func (l *lowerer) seqBinary(op syntax.Op, x value.Value, xt types.Type, y value.Value, yt types.Type, rt types.Type) (value.Value, bool) {
	switch r := rt.(type) {
	case *types.List:
		et := l.memType(r.Elem)
		if op == syntax.Add {
			return l.concat(x, y, et), true
		}
		if _, ok := xt.(*types.List); ok {
			return l.repeat(x, y, et), true
		}
		return l.repeat(y, x, et), true
	case *types.Tuple:
		if op == syntax.Mul { // tuple * n: n copies, n known from the result
			src, srcT := x, xt
			if _, ok := xt.(*types.Tuple); !ok {
				src, srcT = y, yt
			}
			st := srcT.(*types.Tuple)
			var v value.Value = constant.NewUndef(l.irType(r))
			for k := range r.Elems {
				v = l.cur.NewInsertValue(v, l.cur.NewExtractValue(src, uint64(k%len(st.Elems))), uint64(k))
			}
			return v, true
		}
		xtt, ytt := xt.(*types.Tuple), yt.(*types.Tuple)
		var v value.Value = constant.NewUndef(l.irType(r))
		k := uint64(0)
		for i := range xtt.Elems {
			v = l.cur.NewInsertValue(v, l.cur.NewExtractValue(x, uint64(i)), k)
			k++
		}
		for i := range ytt.Elems {
			v = l.cur.NewInsertValue(v, l.cur.NewExtractValue(y, uint64(i)), k)
			k++
		}
		return v, true
	}
	return nil, false
}

// iterate lowers the iteration of a for loop or comprehension over a list,
// tuple or range value, calling body with each element.
func (l *lowerer) iterate(iter value.Value, t types.Type, body func(elem value.Value)) {
	if a, ok := t.(*types.Array); ok {
		n, get := l.arrayIter(iter, a) // array.go
		l.loop(n, func(i value.Value) { body(get(i)) })
		return
	}
	if types.IsBytesLike(t) {
		ptr := l.bytesPtr(iter)
		l.loop(l.bytesLen(iter), func(i value.Value) {
			body(l.cur.NewZExt(l.cur.NewLoad(irtypes.I8, l.elemPtr(irtypes.I8, ptr, i)), irtypes.I32))
		})
		return
	}
	switch t := t.(type) {
	case *types.List:
		et := l.memType(t.Elem)
		ptr := l.listPtr(iter)
		l.loop(l.listLen(iter), func(i value.Value) {
			body(l.cur.NewLoad(et, l.elemPtr(et, ptr, i)))
		})
	case *types.Tuple:
		n := len(t.Elems)
		if n == 0 {
			return
		}
		et := l.memType(t.Elems[0])
		arr := l.entry.NewAlloca(irtypes.NewArray(uint64(n), et))
		for i := 0; i < n; i++ {
			p := l.cur.NewGetElementPtr(irtypes.NewArray(uint64(n), et), arr, ci32(0), ci32(int64(i)))
			l.cur.NewStore(l.cur.NewExtractValue(iter, uint64(i)), p)
		}
		l.loop(ci32(int64(n)), func(i value.Value) {
			p := l.cur.NewGetElementPtr(irtypes.NewArray(uint64(n), et), arr, ci32(0), i)
			body(l.cur.NewLoad(et, p))
		})
	case *types.Range:
		start := l.cur.NewExtractValue(iter, 0)
		stop := l.cur.NewExtractValue(iter, 1)
		step := l.cur.NewExtractValue(iter, 2)
		l.loop(l.rangeLen(start, stop, step), func(i value.Value) {
			if i.Type() != start.Type() {
				i = l.cur.NewSExt(i, start.Type())
			}
			body(l.cur.NewAdd(start, l.cur.NewMul(i, step)))
		})
	case *types.Basic: // str: its code points, as one-character strings
		l.loop(l.strLen(iter), func(i value.Value) {
			body(l.strAt(iter, i))
		})
	default:
		panic("lower: bad iterable")
	}
}

// rangeLen is len(range(start, stop, step)) as an i32.
func (l *lowerer) rangeLen(start, stop, step value.Value) value.Value {
	it := start.Type().(*irtypes.IntType)
	zero, one := constant.NewInt(it, 0), constant.NewInt(it, 1)
	up := l.cur.NewICmp(enum.IPredSGT, step, zero)
	diff := l.cur.NewSelect(up, l.cur.NewSub(stop, start), l.cur.NewSub(start, stop))
	stepAbs := l.cur.NewSelect(up, step, l.cur.NewSub(zero, step))
	var n value.Value = l.cur.NewSDiv(l.cur.NewAdd(diff, l.cur.NewSub(stepAbs, one)), stepAbs)
	n = l.cur.NewSelect(l.cur.NewICmp(enum.IPredSGT, diff, zero), n, zero)
	if it.BitSize == 64 {
		return l.cur.NewTrunc(n, irtypes.I32)
	}
	return n
}

func (l *lowerer) rangeValue(e *syntax.Call, t *types.Range) value.Value {
	it := l.irType(t.Elem).(*irtypes.IntType)
	args := make([]value.Value, len(e.Args))
	for i, a := range e.Args {
		args[i] = l.convert(l.expr(a), l.b.TypeOf(a), t.Elem)
	}
	start, step := value.Value(constant.NewInt(it, 0)), value.Value(constant.NewInt(it, 1))
	var stop value.Value
	switch len(args) {
	case 1:
		stop = args[0]
	case 2:
		start, stop = args[0], args[1]
	default:
		start, stop, step = args[0], args[1], args[2]
		ok := l.newBlock("range.ok")
		bad := l.newBlock("range.zero")
		l.cur.NewCondBr(l.cur.NewICmp(enum.IPredEQ, step, constant.NewInt(it, 0)), bad, ok)
		l.cur = bad
		l.raise(e, "ValueError", "range() arg 3 must not be zero", nil)
		l.cur = ok
	}
	var v value.Value = constant.NewUndef(l.irType(t))
	v = l.cur.NewInsertValue(v, start, 0)
	v = l.cur.NewInsertValue(v, stop, 1)
	return l.cur.NewInsertValue(v, step, 2)
}

// listComp lowers [elt for ... in ... if ...] into a growable buffer.
func (l *lowerer) listComp(e *syntax.ListComp, t *types.List) value.Value {
	et := l.memType(t.Elem)
	bufSlot := l.entry.NewAlloca(irtypes.NewPointer(et))
	lenSlot := l.entry.NewAlloca(irtypes.I32)
	capSlot := l.entry.NewAlloca(irtypes.I32)
	l.cur.NewStore(l.allocElems(et, ci32(8)), bufSlot)
	l.cur.NewStore(ci32(0), lenSlot)
	l.cur.NewStore(ci32(8), capSlot)
	var gen func(k int)
	gen = func(k int) {
		if k == len(e.Gens) {
			v := l.convert(l.expr(e.Elt), l.b.TypeOf(e.Elt), t.Elem)
			n := l.cur.NewLoad(irtypes.I32, lenSlot)
			c := l.cur.NewLoad(irtypes.I32, capSlot)
			grow := l.newBlock("comp.grow")
			store := l.newBlock("comp.store")
			l.cur.NewCondBr(l.cur.NewICmp(enum.IPredEQ, n, c), grow, store)
			l.cur = grow
			newCap := l.cur.NewMul(c, ci32(2))
			nb := l.allocElems(et, newCap)
			l.memcopy(et, nb, l.cur.NewLoad(irtypes.NewPointer(et), bufSlot), n)
			l.cur.NewStore(nb, bufSlot)
			l.cur.NewStore(newCap, capSlot)
			l.cur.NewBr(store)
			l.cur = store
			buf := l.cur.NewLoad(irtypes.NewPointer(et), bufSlot)
			l.cur.NewStore(memValue(v), l.elemPtr(et, buf, n))
			l.cur.NewStore(l.cur.NewAdd(n, ci32(1)), lenSlot)
			return
		}
		g := e.Gens[k]
		l.iterate(l.expr(g.Iter), l.b.TypeOf(g.Iter), func(elem value.Value) {
			l.storeTarget(g.Target, elem, l.elemTypeOf(l.b.TypeOf(g.Iter)))
			skip := l.newBlock("comp.skip")
			for _, cond := range g.Ifs {
				next := l.newBlock("comp.if")
				l.cur.NewCondBr(l.truth(cond), next, skip)
				l.cur = next
			}
			gen(k + 1)
			l.cur.NewBr(skip)
			l.cur = skip
		})
	}
	gen(0)
	buf := l.cur.NewLoad(irtypes.NewPointer(et), bufSlot)
	return l.makeList(et, buf, l.cur.NewLoad(irtypes.I32, lenSlot))
}

func (l *lowerer) elemTypeOf(t types.Type) types.Type {
	if types.IsBytesLike(t) {
		return types.TInt32
	}
	if a, ok := t.(*types.Array); ok {
		return types.ArrayElemType(a)
	}
	switch t := t.(type) {
	case *types.List:
		return t.Elem
	case *types.Range:
		return t.Elem
	case *types.Tuple:
		if len(t.Elems) == 0 {
			return types.TNone // the loop body never runs
		}
		return t.Elems[0]
	}
	if types.Is(t, types.Str) {
		return types.TStr
	}
	return nil
}

// storeTarget assigns v (of type vt) to a target: a name, a tuple of
// targets, or a subscript.
func (l *lowerer) storeTarget(target syntax.Expr, v value.Value, vt types.Type) {
	switch t := target.(type) {
	case *syntax.Tuple:
		l.unpack(t, t.Elts, v, vt)
	case *syntax.List:
		l.unpack(t, t.Elts, v, vt)
	case *syntax.Subscript:
		l.storeSubscript(t, v, vt)
	case *syntax.Attribute:
		if _, ok := l.b.Fields[t]; ok {
			l.storeField(t, v, vt)
		} else {
			l.store(target, v, vt) // a class attribute's variable
		}
	default:
		l.store(target, v, vt)
	}
}

func (l *lowerer) unpack(at syntax.Node, elts []syntax.Expr, v value.Value, vt types.Type) {
	switch t := vt.(type) {
	case *types.Tuple:
		for i, e := range elts {
			l.storeTarget(e, l.cur.NewExtractValue(v, uint64(i)), t.Elems[i])
		}
	case *types.List:
		n := l.listLen(v)
		ok := l.newBlock("unpack.ok")
		bad := l.newBlock("unpack.bad")
		l.cur.NewCondBr(l.cur.NewICmp(enum.IPredEQ, n, ci32(int64(len(elts)))), ok, bad)
		l.cur = bad
		l.raise(at, "ValueError", "wrong number of values to unpack", nil)
		l.cur = ok
		et := l.memType(t.Elem)
		ptr := l.listPtr(v)
		for i, e := range elts {
			l.storeTarget(e, l.cur.NewLoad(et, l.elemPtr(et, ptr, ci32(int64(i)))), t.Elem)
		}
	case *types.Array:
		n, get := l.arrayIter(v, t) // array.go
		ok := l.newBlock("unpack.ok")
		bad := l.newBlock("unpack.bad")
		l.cur.NewCondBr(l.cur.NewICmp(enum.IPredEQ, n, ci32(int64(len(elts)))), ok, bad)
		l.cur = bad
		l.raise(at, "ValueError", "wrong number of values to unpack", nil)
		l.cur = ok
		for i, e := range elts {
			l.storeTarget(e, get(ci32(int64(i))), types.ArrayElemType(t))
		}
	}
}

var _ = ir.NewBlock

// strConcat lowers str + str into a new string in the kernel heap.
func (l *lowerer) strConcat(x, y value.Value) value.Value {
	nx, ny := l.cur.NewExtractValue(x, 1), l.cur.NewExtractValue(y, 1)
	n := l.cur.NewAdd(nx, ny)
	// One more byte keeps strings NUL-terminated for C consumers.
	dst := l.allocElems(irtypes.I8, l.cur.NewAdd(n, ci32(1)))
	l.memcopy(irtypes.I8, dst, l.cur.NewExtractValue(x, 0), nx)
	l.memcopy(irtypes.I8, l.elemPtr(irtypes.I8, dst, nx), l.cur.NewExtractValue(y, 0), ny)
	l.cur.NewStore(constant.NewInt(irtypes.I8, 0), l.elemPtr(irtypes.I8, dst, n))
	var v value.Value = constant.NewUndef(l.strType)
	v = l.cur.NewInsertValue(v, dst, 0)
	return l.cur.NewInsertValue(v, n, 1)
}

// Strings hold UTF-8; len(), indexing, slicing and iteration count code
// points through the kernel support library (linker/support/src/str.c).

func (l *lowerer) strLen(s value.Value) value.Value {
	f := l.external("__kernel_str_len", irtypes.I32, false, irtypes.I8Ptr, irtypes.I32)
	return l.cur.NewCall(f, l.cur.NewExtractValue(s, 0), l.cur.NewExtractValue(s, 1))
}

// strAt is the i-th code point of s (0 <= i < len(s)) as a string.
func (l *lowerer) strAt(s, i value.Value) value.Value {
	f := l.external("__kernel_str_at", irtypes.I8Ptr, false, irtypes.I8Ptr, irtypes.I32, irtypes.I32, irtypes.NewPointer(irtypes.I32))
	n := l.entry.NewAlloca(irtypes.I32)
	p := l.cur.NewCall(f, l.cur.NewExtractValue(s, 0), l.cur.NewExtractValue(s, 1), i, n)
	return l.makeStr(p, l.cur.NewLoad(irtypes.I32, n))
}

func (l *lowerer) strSlice(sl *syntax.Slice, s value.Value) value.Value {
	start, step, count := l.sliceIndices(sl, sl, l.strLen(s))
	f := l.external("__kernel_str_slice", irtypes.I8Ptr, false, irtypes.I8Ptr, irtypes.I32, irtypes.I32, irtypes.I32, irtypes.I32, irtypes.NewPointer(irtypes.I32))
	n := l.entry.NewAlloca(irtypes.I32)
	p := l.callOrInvoke(f, l.cur.NewExtractValue(s, 0), l.cur.NewExtractValue(s, 1), start, step, count, n)
	return l.makeStr(p, l.cur.NewLoad(irtypes.I32, n))
}

// strContains is needle in haystack.
func (l *lowerer) strContains(needle, haystack value.Value) value.Value {
	f := l.external("__kernel_str_contains", irtypes.I32, false, irtypes.I8Ptr, irtypes.I32, irtypes.I8Ptr, irtypes.I32)
	r := l.cur.NewCall(f, l.cur.NewExtractValue(haystack, 0), l.cur.NewExtractValue(haystack, 1),
		l.cur.NewExtractValue(needle, 0), l.cur.NewExtractValue(needle, 1))
	return l.cur.NewICmp(enum.IPredNE, r, ci32(0))
}
