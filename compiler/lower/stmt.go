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

func (l *lowerer) stmts(body []syntax.Stmt) {
	for _, s := range body {
		l.startDeadIfTerminated()
		l.stmt(s)
	}
}

func (l *lowerer) stmt(s syntax.Stmt) {
	switch s := s.(type) {
	case *syntax.ExprStmt:
		if _, ok := s.X.(*syntax.StrLit); ok {
			return // docstring
		}
		l.expr(s.X)
	case *syntax.Assign:
		v := l.expr(s.Value)
		vt := l.b.TypeOf(s.Value)
		for _, t := range s.Targets {
			l.storeTarget(t, v, vt)
		}
	case *syntax.AnnAssign:
		if s.Value != nil {
			l.storeTarget(s.Target, l.expr(s.Value), l.b.TypeOf(s.Value))
		}
	case *syntax.AugAssign:
		if _, ok := l.b.TypeOf(s.Target).(*types.Array); ok {
			l.arrayAugAssign(s) // array.go: in place
			return
		}
		x := l.expr(s.Target)
		y := l.expr(s.Value)
		xt, yt := l.b.TypeOf(s.Target), l.b.TypeOf(s.Value)
		if lt, ok := xt.(*types.List); ok && (s.Op == syntax.Add || s.Op == syntax.Mul) {
			// xs += ys extends the list in place (xs *= n repeats it), as
			// in Python: every name for the list sees the change.
			if s.Op == syntax.Add {
				l.listExtend(x, lt, y, yt)
			} else {
				et := l.memType(lt.Elem)
				dst, n := l.repeatElems(l.listPtr(x), l.listLen(x), l.convert(y, yt, types.TInt32), et)
				l.cur.NewStore(dst, l.listField(x, 0))
				l.cur.NewStore(n, l.listField(x, 1))
				l.cur.NewStore(n, l.listField(x, 2))
			}
			l.storeTarget(s.Target, x, xt)
			break
		}
		rt := l.b.TypeOf(s.Target)
		v := l.binary(s, s.Op, x, xt, y, yt, l.binaryResult(s.Op, xt, yt))
		l.storeTarget(s.Target, v, l.binaryResult(s.Op, xt, yt))
		_ = rt
	case *syntax.If:
		l.ifStmt(s)
	case *syntax.While:
		l.whileStmt(s)
	case *syntax.For:
		l.forStmt(s)
	case *syntax.Break:
		l.unwindCleanups(l.loopCleanups())
		if l.cur.Term == nil {
			l.cur.NewBr(l.loops[len(l.loops)-1].brk)
		}
	case *syntax.Continue:
		l.unwindCleanups(l.loopCleanups())
		if l.cur.Term == nil {
			l.cur.NewBr(l.loops[len(l.loops)-1].cont)
		}
	case *syntax.Try:
		l.tryStmt(s)
	case *syntax.FuncDef:
		fn := l.b.Closures[s]
		l.store(l.b.DefTargets[s], l.closure(fn), fn.Sig)
	case *syntax.Nonlocal:
	case *syntax.Raise:
		l.raiseStmt(s)
	case *syntax.Pass, *syntax.Global:
	case *syntax.Return:
		// The value is computed before finally bodies run; a return in a
		// finally body wins, as in Python.
		if s.Value == nil || types.Is(l.fn.Sig.Result, types.NoneKind) {
			if s.Value != nil {
				l.expr(s.Value)
			}
			l.unwindCleanups(0)
			if l.cur.Term == nil {
				l.cur.NewRet(nil)
			}
			return
		}
		v := l.convert(l.expr(s.Value), l.b.TypeOf(s.Value), l.fn.Sig.Result)
		l.unwindCleanups(0)
		if l.cur.Term == nil {
			l.cur.NewRet(v)
		}
	case *syntax.Assert:
		l.assertStmt(s)
	case *syntax.With:
		l.withStmt(s)
	default:
		panic("lower: unexpected statement; the checker should have rejected it")
	}
}

// store assigns v (of type vt) to the target expression.
func (l *lowerer) store(target syntax.Expr, v value.Value, vt types.Type) {
	obj := l.b.Targets[target]
	if types.Is(obj.Type, types.NoneKind) {
		return
	}
	v = l.convert(v, vt, obj.Type)
	l.cur.NewStore(v, l.addr(obj))
	l.markAssigned(obj)
}

func (l *lowerer) addr(obj *types.Object) value.Value {
	if obj.Kind == types.ObjGlobal {
		return l.globals[obj.Symbol]
	}
	return l.vars[obj]
}

func (l *lowerer) ifStmt(s *syntax.If) {
	then := l.newBlock("if.then")
	done := l.newBlock("if.end")
	els := done
	if len(s.Else) > 0 {
		els = l.newBlock("if.else")
	}
	l.cur.NewCondBr(l.truth(s.Cond), then, els)
	l.cur = then
	l.stmts(s.Body)
	if l.cur.Term == nil {
		l.cur.NewBr(done)
	}
	if len(s.Else) > 0 {
		l.cur = els
		l.stmts(s.Else)
		if l.cur.Term == nil {
			l.cur.NewBr(done)
		}
	}
	l.cur = done
}

func (l *lowerer) whileStmt(s *syntax.While) {
	head := l.newBlock("while.cond")
	body := l.newBlock("while.body")
	done := l.newBlock("while.end")
	els := done
	if len(s.Else) > 0 {
		els = l.newBlock("while.else")
	}
	l.cur.NewBr(head)
	l.cur = head
	l.cur.NewCondBr(l.truth(s.Cond), body, els)
	l.cur = body
	l.loops = append(l.loops, loop{brk: done, cont: head})
	l.stmts(s.Body)
	l.loops = l.loops[:len(l.loops)-1]
	if l.cur.Term == nil {
		l.cur.NewBr(head)
	}
	if len(s.Else) > 0 {
		l.cur = els
		l.stmts(s.Else)
		if l.cur.Term == nil {
			l.cur.NewBr(done)
		}
	}
	l.cur = done
}

// forStmt lowers `for x in range(...)`. A hidden counter drives the loop so
// that assignments to x inside the body do not change the iteration, as in
// Python.
func (l *lowerer) forStmt(s *syntax.For) {
	call, ok := s.Iter.(*syntax.Call)
	if !ok || l.b.Calls[call] == nil || l.b.Calls[call].Builtin != "range" {
		l.forIter(s)
		return
	}
	if _, isRangeValue := l.b.TypeOf(call).(*types.Range); isRangeValue {
		l.forIter(s)
		return
	}
	et := l.b.TypeOf(call)
	it := l.irType(et).(*irtypes.IntType)
	var start, stop, step value.Value = constant.NewInt(it, 0), nil, constant.NewInt(it, 1)
	args := make([]value.Value, len(call.Args))
	for i, a := range call.Args {
		args[i] = l.convert(l.expr(a), l.b.TypeOf(a), et)
	}
	switch len(args) {
	case 1:
		stop = args[0]
	case 2:
		start, stop = args[0], args[1]
	case 3:
		start, stop, step = args[0], args[1], args[2]
		ok := l.newBlock("range.ok")
		bad := l.newBlock("range.zero")
		l.cur.NewCondBr(l.cur.NewICmp(enum.IPredEQ, step, constant.NewInt(it, 0)), bad, ok)
		l.cur = bad
		l.raise(call, "ValueError", "range() arg 3 must not be zero", nil)
		l.cur = ok
	}
	counter := l.entry.NewAlloca(it)
	l.cur.NewStore(start, counter)
	head := l.newBlock("for.cond")
	body := l.newBlock("for.body")
	next := l.newBlock("for.next")
	done := l.newBlock("for.end")
	els := done
	if len(s.Else) > 0 {
		els = l.newBlock("for.else")
	}
	l.cur.NewBr(head)
	l.cur = head
	var i value.Value = l.cur.NewLoad(it, counter)
	up := l.cur.NewICmp(enum.IPredSGT, step, constant.NewInt(it, 0))
	below := l.cur.NewICmp(enum.IPredSLT, i, stop)
	above := l.cur.NewICmp(enum.IPredSGT, i, stop)
	l.cur.NewCondBr(l.cur.NewSelect(up, below, above), body, els)
	l.cur = body
	l.storeTarget(s.Target, i, et)
	l.loops = append(l.loops, loop{brk: done, cont: next})
	l.stmts(s.Body)
	l.loops = l.loops[:len(l.loops)-1]
	if l.cur.Term == nil {
		l.cur.NewBr(next)
	}
	l.cur = next
	// Python's range never overflows: stop when the next value would wrap.
	cur := l.cur.NewLoad(it, counter)
	l.cur.NewStore(l.cur.NewAdd(cur, step), counter)
	l.cur.NewBr(head)
	if len(s.Else) > 0 {
		l.cur = els
		l.stmts(s.Else)
		if l.cur.Term == nil {
			l.cur.NewBr(done)
		}
	}
	l.cur = done
}

func (l *lowerer) assertStmt(s *syntax.Assert) {
	ok := l.newBlock("assert.ok")
	fail := l.newBlock("assert.fail")
	l.cur.NewCondBr(l.truth(s.Cond), ok, fail)
	l.cur = fail
	msg := ""
	if lit, isLit := s.Msg.(*syntax.StrLit); isLit {
		msg = lit.Value
	}
	l.raise(s, "AssertionError", msg, nil)
	l.cur = ok
}

// entryBlockAlloca is used for temporaries that must not grow the stack in loops.
func (l *lowerer) entryBlockAlloca(t irtypes.Type) *ir.InstAlloca {
	return l.entry.NewAlloca(t)
}

// forIter lowers a for loop over a list, tuple or range value: a counter
// walks the elements, which the loop reads one at a time.
func (l *lowerer) forIter(s *syntax.For) {
	iterT := l.b.TypeOf(s.Iter)
	iter := l.expr(s.Iter)
	var n value.Value
	var get func(i value.Value) value.Value
	elemT := l.elemTypeOf(iterT)
	if en, eget, ok := l.iterSource(iter, iterT); ok { // bytes and arrays
		n, get = en, eget
	}
	switch t := iterT.(type) {
	case *types.List:
		et := l.memType(t.Elem)
		ptr := l.listPtr(iter)
		n = l.listLen(iter)
		get = func(i value.Value) value.Value { return l.cur.NewLoad(et, l.elemPtr(et, ptr, i)) }
	case *types.Range:
		start := l.cur.NewExtractValue(iter, 0)
		stop := l.cur.NewExtractValue(iter, 1)
		step := l.cur.NewExtractValue(iter, 2)
		n = l.rangeLen(start, stop, step)
		get = func(i value.Value) value.Value {
			if i.Type() != start.Type() {
				i = l.cur.NewSExt(i, start.Type())
			}
			return l.cur.NewAdd(start, l.cur.NewMul(i, step))
		}
	case *types.Tuple:
		if len(t.Elems) == 0 {
			l.stmts(s.Else)
			return
		}
		et := l.memType(t.Elems[0])
		at := irtypes.NewArray(uint64(len(t.Elems)), et)
		arr := l.entry.NewAlloca(at)
		for k := range t.Elems {
			l.cur.NewStore(l.cur.NewExtractValue(iter, uint64(k)), l.cur.NewGetElementPtr(at, arr, ci32(0), ci32(int64(k))))
		}
		n = ci32(int64(len(t.Elems)))
		get = func(i value.Value) value.Value {
			return l.cur.NewLoad(et, l.cur.NewGetElementPtr(at, arr, ci32(0), i))
		}
	case *types.Basic:
		if !types.Is(iterT, types.Str) {
			break // bytes: iterSource above
		}
		n = l.strLen(iter)
		get = func(i value.Value) value.Value { return l.strAt(iter, i) }
	}
	counter := l.entry.NewAlloca(irtypes.I32)
	l.cur.NewStore(ci32(0), counter)
	head := l.newBlock("for.cond")
	body := l.newBlock("for.body")
	next := l.newBlock("for.next")
	done := l.newBlock("for.end")
	els := done
	if len(s.Else) > 0 {
		els = l.newBlock("for.else")
	}
	l.cur.NewBr(head)
	l.cur = head
	i := l.cur.NewLoad(irtypes.I32, counter)
	l.cur.NewCondBr(l.cur.NewICmp(enum.IPredSLT, i, n), body, els)
	l.cur = body
	l.storeTarget(s.Target, get(i), elemT)
	l.loops = append(l.loops, loop{brk: done, cont: next})
	l.stmts(s.Body)
	l.loops = l.loops[:len(l.loops)-1]
	if l.cur.Term == nil {
		l.cur.NewBr(next)
	}
	l.cur = next
	cur := l.cur.NewLoad(irtypes.I32, counter)
	l.cur.NewStore(l.cur.NewAdd(cur, ci32(1)), counter)
	l.cur.NewBr(head)
	if len(s.Else) > 0 {
		l.cur = els
		l.stmts(s.Else)
		if l.cur.Term == nil {
			l.cur.NewBr(done)
		}
	}
	l.cur = done
}
