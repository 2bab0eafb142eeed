package lower

import (
	"github.com/llir/llvm/ir/constant"
	"github.com/llir/llvm/ir/enum"
	irtypes "github.com/llir/llvm/ir/types"
	"github.com/llir/llvm/ir/value"

	"github.com/rules-artiq/rules_artiq/compiler/syntax"
	"github.com/rules-artiq/rules_artiq/compiler/types"
)

// The methods of lists (list.append, list.pop, ...), sum() and sorted():
// lists grow in place, so every name that shares a list sees the change.

// listReserve makes room for need elements in list h, moving its elements
// to a larger array (at least twice the capacity) when needed.
func (l *lowerer) listReserve(h value.Value, need value.Value) {
	et := l.listElemType(h)
	cp := l.cur.NewLoad(irtypes.I32, l.listField(h, 2))
	grow := l.newBlock("list.grow")
	done := l.newBlock("list.room")
	l.cur.NewCondBr(l.cur.NewICmp(enum.IPredSGT, need, cp), grow, done)
	l.cur = grow
	twice := l.cur.NewMul(cp, ci32(2))
	nc := l.cur.NewSelect(l.cur.NewICmp(enum.IPredSGT, need, twice), need, twice)
	nc = l.cur.NewSelect(l.cur.NewICmp(enum.IPredSLT, nc, ci32(4)), ci32(4), nc)
	dst := l.allocElems(et, nc)
	l.memcopy(et, dst, l.listPtr(h), l.listLen(h))
	l.cur.NewStore(dst, l.listField(h, 0))
	l.cur.NewStore(nc, l.listField(h, 2))
	l.cur.NewBr(done)
	l.cur = done
}

// listAppend appends v (already of the element type) to list h.
func (l *lowerer) listAppend(h, v value.Value) {
	et := l.listElemType(h)
	n := l.listLen(h)
	l.listReserve(h, l.cur.NewAdd(n, ci32(1)))
	l.cur.NewStore(memValue(v), l.elemPtr(et, l.listPtr(h), n))
	l.cur.NewStore(l.cur.NewAdd(n, ci32(1)), l.listField(h, 1))
}

// listExtend appends the elements of src (a list, tuple, range or str) to
// list h, in place: h += src.
func (l *lowerer) listExtend(h value.Value, ht *types.List, src value.Value, st types.Type) {
	if s, ok := st.(*types.List); ok {
		et := l.listElemType(h)
		// The source's length and elements are read first: it may be h.
		m := l.listLen(src)
		sp := l.listPtr(src)
		n := l.listLen(h)
		total := l.cur.NewAdd(n, m)
		l.listReserve(h, total)
		dst := l.listPtr(h)
		if l.memType(s.Elem).Equal(et) {
			l.memcopy(et, l.elemPtr(et, dst, n), sp, m)
		} else {
			se := l.memType(s.Elem)
			l.loop(m, func(i value.Value) {
				v := l.convert(l.cur.NewLoad(se, l.elemPtr(se, sp, i)), s.Elem, ht.Elem)
				l.cur.NewStore(memValue(v), l.elemPtr(et, dst, l.cur.NewAdd(n, i)))
			})
		}
		l.cur.NewStore(total, l.listField(h, 1))
		return
	}
	l.iterate(src, st, func(v value.Value) {
		l.listAppend(h, l.convert(v, l.elemTypeOf(st), ht.Elem))
	})
}

// listRemoveAt removes element i (in range) of list h.
func (l *lowerer) listRemoveAt(h, i value.Value) {
	et := l.listElemType(h)
	n := l.listLen(h)
	p := l.listPtr(h)
	rest := l.cur.NewSub(l.cur.NewSub(n, i), ci32(1))
	l.memcopy(et, l.elemPtr(et, p, i), l.elemPtr(et, p, l.cur.NewAdd(i, ci32(1))), rest)
	l.cur.NewStore(l.cur.NewSub(n, ci32(1)), l.listField(h, 1))
}

// listFind is the index of the first element of h equal to x, or -1.
func (l *lowerer) listFind(h value.Value, lt *types.List, x value.Value, xt types.Type) value.Value {
	et := l.listElemType(h)
	found := l.entry.NewAlloca(irtypes.I32)
	l.cur.NewStore(ci32(-1), found)
	counter := l.entry.NewAlloca(irtypes.I32)
	l.cur.NewStore(ci32(0), counter)
	n := l.listLen(h)
	p := l.listPtr(h)
	head := l.newBlock("find.cond")
	body := l.newBlock("find.body")
	hit := l.newBlock("find.hit")
	next := l.newBlock("find.next")
	done := l.newBlock("find.end")
	l.cur.NewBr(head)
	l.cur = head
	i := l.cur.NewLoad(irtypes.I32, counter)
	l.cur.NewCondBr(l.cur.NewICmp(enum.IPredSLT, i, n), body, done)
	l.cur = body
	e := l.cur.NewLoad(et, l.elemPtr(et, p, i))
	l.cur.NewCondBr(l.equal(e, lt.Elem, x, xt), hit, next)
	l.cur = hit
	l.cur.NewStore(i, found)
	l.cur.NewBr(done)
	l.cur = next
	l.cur.NewStore(l.cur.NewAdd(i, ci32(1)), counter)
	l.cur.NewBr(head)
	l.cur = done
	return l.cur.NewLoad(irtypes.I32, found)
}

// listSort sorts list h in place, stably (insertion sort: kernel lists are
// short), descending when reverse is set.
func (l *lowerer) listSort(h value.Value, lt *types.List, reverse bool) {
	et := l.listElemType(h)
	n := l.listLen(h)
	p := l.listPtr(h)
	op := syntax.Gt // move the elements greater than the key
	if reverse {
		op = syntax.Lt
	}
	jSlot := l.entry.NewAlloca(irtypes.I32)
	l.loop(n, func(i value.Value) {
		key := l.cur.NewLoad(et, l.elemPtr(et, p, i))
		l.cur.NewStore(l.cur.NewSub(i, ci32(1)), jSlot)
		head := l.newBlock("sort.cond")
		check := l.newBlock("sort.cmp")
		shift := l.newBlock("sort.shift")
		place := l.newBlock("sort.place")
		l.cur.NewBr(head)
		l.cur = head
		j := l.cur.NewLoad(irtypes.I32, jSlot)
		l.cur.NewCondBr(l.cur.NewICmp(enum.IPredSGE, j, ci32(0)), check, place)
		l.cur = check
		a := l.cur.NewLoad(et, l.elemPtr(et, p, j))
		l.cur.NewCondBr(l.compare1(op, a, lt.Elem, key, lt.Elem), shift, place)
		l.cur = shift
		l.cur.NewStore(a, l.elemPtr(et, p, l.cur.NewAdd(j, ci32(1))))
		l.cur.NewStore(l.cur.NewSub(j, ci32(1)), jSlot)
		l.cur.NewBr(head)
		l.cur = place
		j2 := l.cur.NewLoad(irtypes.I32, jSlot)
		l.cur.NewStore(key, l.elemPtr(et, p, l.cur.NewAdd(j2, ci32(1))))
	})
}

// listCopy is a new list with the elements of h.
func (l *lowerer) listCopy(h value.Value) value.Value {
	et := l.listElemType(h)
	n := l.listLen(h)
	dst := l.allocElems(et, n)
	l.memcopy(et, dst, l.listPtr(h), n)
	return l.makeList(et, dst, n)
}

// listMethod lowers recv.name(args) on a list.
func (l *lowerer) listMethod(e *syntax.Call, ci *types.CallInfo, name string) value.Value {
	lt := l.b.TypeOf(ci.Recv).(*types.List)
	h := l.expr(ci.Recv)
	et := l.listElemType(h)
	arg := func(i int) (value.Value, types.Type) { return l.expr(ci.Args[i]), l.b.TypeOf(ci.Args[i]) }
	switch name {
	case "append":
		v, vt := arg(0)
		l.listAppend(h, l.convert(v, vt, lt.Elem))
		return nil
	case "extend":
		v, vt := arg(0)
		l.listExtend(h, lt, v, vt)
		return nil
	case "insert":
		iv, it := arg(0)
		v, vt := arg(1)
		v = l.convert(v, vt, lt.Elem)
		i := l.convertNumber(iv, it, types.TInt32, e)
		n := l.listLen(h)
		// CPython clamps the position: negative counts from the end.
		i = l.cur.NewSelect(l.cur.NewICmp(enum.IPredSLT, i, ci32(0)), l.cur.NewAdd(i, n), i)
		i = l.cur.NewSelect(l.cur.NewICmp(enum.IPredSLT, i, ci32(0)), ci32(0), i)
		i = l.cur.NewSelect(l.cur.NewICmp(enum.IPredSGT, i, n), n, i)
		l.listReserve(h, l.cur.NewAdd(n, ci32(1)))
		p := l.listPtr(h)
		l.memcopy(et, l.elemPtr(et, p, l.cur.NewAdd(i, ci32(1))), l.elemPtr(et, p, i), l.cur.NewSub(n, i))
		l.cur.NewStore(memValue(v), l.elemPtr(et, p, i))
		l.cur.NewStore(l.cur.NewAdd(n, ci32(1)), l.listField(h, 1))
		return nil
	case "pop":
		n := l.listLen(h)
		ok := l.newBlock("pop.ok")
		empty := l.newBlock("pop.empty")
		l.cur.NewCondBr(l.cur.NewICmp(enum.IPredEQ, n, ci32(0)), empty, ok)
		l.cur = empty
		l.raise(e, "IndexError", "pop from empty list", nil)
		l.cur = ok
		var i value.Value = l.cur.NewSub(n, ci32(1))
		if len(ci.Args) > 0 {
			iv, it := arg(0)
			i = l.indexMsg(e, iv, it, n, "pop index out of range")
		}
		v := l.cur.NewLoad(et, l.elemPtr(et, l.listPtr(h), i))
		l.listRemoveAt(h, i)
		return v
	case "remove", "index":
		x, xt := arg(0)
		i := l.listFind(h, lt, x, xt)
		ok := l.newBlock("find.ok")
		missing := l.newBlock("find.missing")
		l.cur.NewCondBr(l.cur.NewICmp(enum.IPredSLT, i, ci32(0)), missing, ok)
		l.cur = missing
		if name == "remove" {
			l.raise(e, "ValueError", "list.remove(x): x not in list", nil)
		} else {
			msg := l.strConcat(l.toStr(x, xt, true), l.str(" is not in list"))
			l.raiseValue(e, "ValueError", msg)
		}
		l.cur = ok
		if name == "index" {
			return i
		}
		l.listRemoveAt(h, i)
		return nil
	case "count":
		x, xt := arg(0)
		count := l.entry.NewAlloca(irtypes.I32)
		l.cur.NewStore(ci32(0), count)
		p := l.listPtr(h)
		l.loop(l.listLen(h), func(i value.Value) {
			eq := l.equal(l.cur.NewLoad(et, l.elemPtr(et, p, i)), lt.Elem, x, xt)
			c := l.cur.NewLoad(irtypes.I32, count)
			l.cur.NewStore(l.cur.NewAdd(c, l.cur.NewZExt(eq, irtypes.I32)), count)
		})
		return l.cur.NewLoad(irtypes.I32, count)
	case "clear":
		l.cur.NewStore(ci32(0), l.listField(h, 1))
		return nil
	case "reverse":
		n := l.listLen(h)
		p := l.listPtr(h)
		l.loop(l.cur.NewSDiv(n, ci32(2)), func(i value.Value) {
			j := l.cur.NewSub(l.cur.NewSub(n, ci32(1)), i)
			a := l.cur.NewLoad(et, l.elemPtr(et, p, i))
			b := l.cur.NewLoad(et, l.elemPtr(et, p, j))
			l.cur.NewStore(b, l.elemPtr(et, p, i))
			l.cur.NewStore(a, l.elemPtr(et, p, j))
		})
		return nil
	case "copy":
		return l.listCopy(h)
	case "sort":
		l.listSort(h, lt, ci.Reverse)
		return nil
	}
	panic("lower: unknown list method " + name)
}

// sum lowers sum(iterable[, start]).
func (l *lowerer) sum(e *syntax.Call, t types.Type) value.Value {
	it := l.b.TypeOf(e.Args[0])
	var acc value.Value = l.convert(constant.NewInt(irtypes.I32, 0), types.TInt32, t)
	if len(e.Args) > 1 {
		acc = l.convert(l.expr(e.Args[1]), l.b.TypeOf(e.Args[1]), t)
	}
	slot := l.entry.NewAlloca(l.irType(t))
	src := l.expr(e.Args[0])
	l.cur.NewStore(acc, slot)
	et := l.elemTypeOf(it)
	l.iterate(src, it, func(v value.Value) {
		cur := l.cur.NewLoad(l.irType(t), slot)
		l.cur.NewStore(l.binary(e, syntax.Add, cur, t, v, et, t), slot)
	})
	return l.cur.NewLoad(l.irType(t), slot)
}

// iterList lowers enumerate(), zip() and reversed() to lists of what they
// iterate over.
func (l *lowerer) iterList(e *syntax.Call, name string, lt *types.List) value.Value {
	et := l.memType(lt.Elem)
	var srcs []value.Value
	var stys []types.Type
	for _, a := range e.Args {
		srcs = append(srcs, l.expr(a))
		stys = append(stys, l.b.TypeOf(a))
	}
	h := l.makeList(et, l.allocElems(et, ci32(0)), ci32(0))
	switch name {
	case "enumerate":
		var start value.Value = ci32(0)
		if len(srcs) > 1 {
			start = l.convertNumber(srcs[1], stys[1], types.TInt32, e)
		}
		tt := lt.Elem.(*types.Tuple)
		counter := l.entry.NewAlloca(irtypes.I32)
		l.cur.NewStore(start, counter)
		l.iterate(srcs[0], stys[0], func(v value.Value) {
			i := l.cur.NewLoad(irtypes.I32, counter)
			var t value.Value = constant.NewUndef(l.irType(tt))
			t = l.cur.NewInsertValue(t, i, 0)
			t = l.cur.NewInsertValue(t, memValue(l.convert(v, l.elemTypeOf(stys[0]), tt.Elems[1])), 1)
			l.listAppend(h, t)
			l.cur.NewStore(l.cur.NewAdd(i, ci32(1)), counter)
		})
	case "reversed":
		l.listExtend(h, lt, srcs[0], stys[0])
		n := l.listLen(h)
		p := l.listPtr(h)
		l.loop(l.cur.NewSDiv(n, ci32(2)), func(i value.Value) {
			j := l.cur.NewSub(l.cur.NewSub(n, ci32(1)), i)
			a := l.cur.NewLoad(et, l.elemPtr(et, p, i))
			b := l.cur.NewLoad(et, l.elemPtr(et, p, j))
			l.cur.NewStore(b, l.elemPtr(et, p, i))
			l.cur.NewStore(a, l.elemPtr(et, p, j))
		})
	case "zip":
		// Each source as a list first, then as many tuples as the shortest.
		tt := lt.Elem.(*types.Tuple)
		var lists []value.Value
		var n value.Value
		for k := range srcs {
			kt := &types.List{Elem: tt.Elems[k]}
			ek := l.memType(tt.Elems[k])
			lk := l.makeList(ek, l.allocElems(ek, ci32(0)), ci32(0))
			l.listExtend(lk, kt, srcs[k], stys[k])
			lists = append(lists, lk)
			m := l.listLen(lk)
			if n == nil {
				n = m
			} else {
				n = l.cur.NewSelect(l.cur.NewICmp(enum.IPredSLT, m, n), m, n)
			}
		}
		l.loop(n, func(i value.Value) {
			var t value.Value = constant.NewUndef(l.irType(tt))
			for k, lk := range lists {
				ek := l.memType(tt.Elems[k])
				t = l.cur.NewInsertValue(t, l.cur.NewLoad(ek, l.elemPtr(ek, l.listPtr(lk), i)), uint64(k))
			}
			l.listAppend(h, t)
		})
	}
	return h
}

// strMethod lowers recv.name(args) on a string through the support
// library (str.c).
func (l *lowerer) strMethod(e *syntax.Call, ci *types.CallInfo, name string) value.Value {
	s := l.expr(ci.Recv)
	var args []value.Value
	for _, a := range ci.Args {
		args = append(args, l.expr(a))
	}
	p, n := l.cur.NewExtractValue(s, 0), l.cur.NewExtractValue(s, 1)
	part := func(v value.Value) (value.Value, value.Value) {
		return l.cur.NewExtractValue(v, 0), l.cur.NewExtractValue(v, 1)
	}
	i8p, i32p := irtypes.I8Ptr, irtypes.NewPointer(irtypes.I32)
	call := func(fn string, ret irtypes.Type, vals ...value.Value) value.Value {
		var params []irtypes.Type
		for _, v := range vals {
			params = append(params, v.Type())
		}
		return l.callOrInvoke(l.external(fn, ret, false, params...), vals...)
	}
	outLen := func() value.Value { return l.entry.NewAlloca(irtypes.I32) }
	switch name {
	case "upper", "lower":
		up := ci32(0)
		if name == "upper" {
			up = ci32(1)
		}
		return l.makeStr(call("__kernel_str_case", i8p, p, n, up), n)
	case "strip", "lstrip", "rstrip":
		mode := map[string]int64{"strip": 3, "lstrip": 1, "rstrip": 2}[name]
		var cp, cn value.Value = constant.NewNull(i8p), ci32(-1)
		if len(args) > 0 {
			cp, cn = part(args[0])
		}
		ln := outLen()
		off := call("__kernel_str_strip", irtypes.I32, p, n, cp, cn, ci32(mode), ln)
		return l.makeStr(l.cur.NewGetElementPtr(irtypes.I8, p, off), l.cur.NewLoad(irtypes.I32, ln))
	case "startswith", "endswith":
		end := ci32(0)
		if name == "endswith" {
			end = ci32(1)
		}
		sp, sn := part(args[0])
		r := call("__kernel_str_affix", irtypes.I32, p, n, sp, sn, end)
		return l.cur.NewICmp(enum.IPredNE, r, ci32(0))
	case "find", "index":
		sp, sn := part(args[0])
		r := call("__kernel_str_find", irtypes.I32, p, n, sp, sn)
		if name == "index" {
			ok := l.newBlock("strindex.ok")
			missing := l.newBlock("strindex.missing")
			l.cur.NewCondBr(l.cur.NewICmp(enum.IPredSLT, r, ci32(0)), missing, ok)
			l.cur = missing
			l.raise(e, "ValueError", "substring not found", nil)
			l.cur = ok
		}
		return r
	case "count":
		sp, sn := part(args[0])
		return call("__kernel_str_count", irtypes.I32, p, n, sp, sn)
	case "replace":
		op, on := part(args[0])
		np, nn := part(args[1])
		ln := outLen()
		r := call("__kernel_str_replace", i8p, p, n, op, on, np, nn, ln)
		return l.makeStr(r, l.cur.NewLoad(irtypes.I32, ln))
	case "split":
		var sp, sn value.Value = constant.NewNull(i8p), ci32(-1)
		if len(args) > 0 {
			sp, sn = part(args[0])
			ok := l.newBlock("split.ok")
			empty := l.newBlock("split.empty")
			l.cur.NewCondBr(l.cur.NewICmp(enum.IPredEQ, sn, ci32(0)), empty, ok)
			l.cur = empty
			l.raise(e, "ValueError", "empty separator", nil)
			l.cur = ok
		}
		cnt := outLen()
		arr := call("__kernel_str_split", irtypes.NewPointer(l.strType), p, n, sp, sn, cnt)
		return l.makeList(l.strType, arr, l.cur.NewLoad(irtypes.I32, cnt))
	case "join":
		items := args[0]
		ln := outLen()
		r := call("__kernel_str_join", i8p, p, n, l.listPtr(items), l.listLen(items), ln)
		return l.makeStr(r, l.cur.NewLoad(irtypes.I32, ln))
	}
	_ = i32p
	panic("lower: unknown str method " + name)
}
