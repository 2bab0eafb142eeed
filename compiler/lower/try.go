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

// Exceptions follow ARTIQ's ABI: __artiq_raise starts DWARF unwinding,
// __artiq_personality matches a landing pad's `catch i32* @typeinfo.X`
// clauses against the exception id (a null clause catches everything), and
// the landing pad receives {pointer to the exception, selector}.
//
// `finally` bodies are lowered once per way out of the try (fall through,
// return, break, continue, exception), which is what Python's ordering
// requires and keeps the IR free of indirect branches.

// padInfo is what a landing pad catches: its clauses and whether it
// also lands for cleanups.
type padInfo struct {
	clauses []value.Value
	cleanup bool
}

// cleanup is a pending action on the way out of a try region.
type cleanup struct {
	endCatch bool          // leaving an except block: tell the runtime
	finally  []syntax.Stmt // a finally body to run
	loops    int           // len(l.loops) when pushed
	unwind   int           // len(l.unwind) when pushed
}

// callOrInvoke calls f, as an invoke when an enclosing try can catch
// what it raises.
func (l *lowerer) callOrInvoke(f value.Value, args ...value.Value) value.Value {
	if len(l.unwind) == 0 {
		return l.cur.NewCall(f, args...)
	}
	next := l.newBlock("invoke.cont")
	inv := l.cur.NewInvoke(f, args, next, l.unwind[len(l.unwind)-1])
	l.cur = next
	return inv
}

// typeinfo returns the global whose value is the id that a catch clause
// for the named built-in exception matches.
func (l *lowerer) typeinfo(name string) *ir.Global {
	sym := "typeinfo." + name
	if g, ok := l.globals[sym]; ok {
		return g
	}
	id := l.exceptionID(name)
	g := l.m.NewGlobalDef(sym, constant.NewInt(irtypes.I32, int64(id)))
	g.Linkage = enum.LinkageLinkOnceODR
	g.Visibility = enum.VisibilityHidden
	g.Immutable = true
	l.globals[sym] = g
	return g
}

func (l *lowerer) personality() {
	if l.f.Personality == nil {
		p := l.external("__artiq_personality", irtypes.I32, true)
		l.f.Personality = p
	}
}

func (l *lowerer) landingPad(hint string, catches []value.Value, cleanup bool) (*ir.Block, *ir.InstLandingPad) {
	l.personality()
	b := l.newBlock(hint)
	var clauses []*ir.Clause
	for _, c := range catches {
		clauses = append(clauses, ir.NewClause(enum.ClauseTypeCatch, c))
	}
	lp := b.NewLandingPad(irtypes.NewStruct(irtypes.I8Ptr, irtypes.I32), clauses...)
	lp.Cleanup = cleanup || len(clauses) == 0
	return b, lp
}

func (l *lowerer) tryStmt(s *syntax.Try) {
	done := l.newBlock("try.end")
	hasFinally := len(s.Finally) > 0
	outerUnwind := len(l.unwind)

	// The landing pad of the try body: one catch clause per class named,
	// null for a catch-all; cleanup so that finally runs for the rest.
	var catches []value.Value
	catchAll := false
	for _, h := range s.Handlers {
		hi := l.b.Handlers[h]
		if hi.Classes == nil {
			catchAll = true
		}
		for _, c := range l.catchNames(hi.Classes) {
			if types.IsCatchAll(c) {
				catchAll = true
				continue
			}
			catches = append(catches, constant.NewBitCast(l.typeinfo(c), irtypes.I8Ptr))
		}
	}
	if catchAll {
		catches = append(catches, constant.NewNull(irtypes.I8Ptr))
	}
	// A landing pad also lists the clauses of the trys around it in this
	// function: the personality looks at one landing pad per frame, and an
	// exception only an enclosing try catches must still land here to be
	// re-raised to it (after this try's finally).
	var outerClauses []value.Value
	outerCleanup := false
	if n := len(l.unwind); n > 0 {
		pi := l.pads[l.unwind[n-1]]
		outerClauses, outerCleanup = pi.clauses, pi.cleanup
	}
	var pad *ir.Block
	var lp *ir.InstLandingPad
	if len(catches) > 0 || hasFinally {
		all := append(append([]value.Value{}, catches...), outerClauses...)
		cleanup := hasFinally || outerCleanup
		pad, lp = l.landingPad("try.pad", all, cleanup)
		l.pads[pad] = padInfo{clauses: all, cleanup: cleanup}
	}

	// A finally-only cleanup pad for exceptions that escape the except and
	// else blocks.
	var fpad *ir.Block
	var flp *ir.InstLandingPad
	if hasFinally {
		fpad, flp = l.landingPad("finally.pad", outerClauses, true)
		l.pads[fpad] = padInfo{clauses: outerClauses, cleanup: true}
		l.cleanups = append(l.cleanups, cleanup{finally: s.Finally, loops: len(l.loops), unwind: outerUnwind})
	}

	// The body.
	if pad != nil {
		l.unwind = append(l.unwind, pad)
	}
	l.stmts(s.Body)
	if pad != nil {
		l.unwind = l.unwind[:len(l.unwind)-1]
	}
	if hasFinally {
		l.unwind = append(l.unwind, fpad)
	}
	if l.cur.Term == nil {
		l.stmts(s.Else)
	}
	l.exitTry(hasFinally, s.Finally, outerUnwind, done)

	// Dispatch on the selector.
	if pad != nil {
		l.cur = pad
		exn := pad.NewExtractValue(lp, 0)
		sel := pad.NewExtractValue(lp, 1)
		typeid := l.external("llvm.eh.typeid.for", irtypes.I32, false, irtypes.I8Ptr)
		for _, h := range s.Handlers {
			hi := l.b.Handlers[h]
			body := l.newBlock("except")
			var match value.Value
			all := hi.Classes == nil
			for _, c := range l.catchNames(hi.Classes) {
				if types.IsCatchAll(c) {
					all = true
					continue
				}
				id := l.cur.NewCall(typeid, constant.NewBitCast(l.typeinfo(c), irtypes.I8Ptr))
				eq := l.cur.NewICmp(enum.IPredEQ, sel, id)
				if match == nil {
					match = eq
				} else {
					match = l.cur.NewOr(match, eq)
				}
			}
			if all {
				l.cur.NewBr(body)
			} else {
				next := l.newBlock("except.next")
				l.cur.NewCondBr(match, body, next)
				l.handler(h, hi, body, exn, hasFinally, s.Finally, outerUnwind, done)
				l.cur = next
				continue
			}
			l.handler(h, hi, body, exn, hasFinally, s.Finally, outerUnwind, done)
			l.cur = l.newBlock("dead")
			break
		}
		if l.cur.Term == nil {
			// Nothing matched: run finally and keep unwinding.
			l.resumeAfterFinally(lp, hasFinally, s.Finally, outerUnwind)
		}
	}
	if hasFinally {
		l.unwind = l.unwind[:len(l.unwind)-1]
		l.cleanups = l.cleanups[:len(l.cleanups)-1]
		l.cur = fpad
		l.resumeAfterFinally(flp, true, s.Finally, outerUnwind)
	}
	l.cur = done
}

// handler lowers one except block entered at body with the exception exn.
func (l *lowerer) handler(h *syntax.Handler, hi *types.HandlerInfo, body *ir.Block, exn value.Value, hasFinally bool, fin []syntax.Stmt, outerUnwind int, done *ir.Block) {
	l.cur = body
	if hi.Var != nil {
		if cl, ok := hi.Var.Type.(*types.Class); ok {
			l.cur.NewStore(l.exceptionObject(exn, cl), l.addr(hi.Var))
		} else {
			l.cur.NewStore(exn, l.addr(hi.Var))
		}
		l.markAssigned(hi.Var)
	}
	l.handling = append(l.handling, exn)
	l.cleanups = append(l.cleanups, cleanup{endCatch: true, loops: len(l.loops), unwind: len(l.unwind)})
	l.stmts(h.Body)
	l.cleanups = l.cleanups[:len(l.cleanups)-1]
	l.handling = l.handling[:len(l.handling)-1]
	if l.cur.Term == nil {
		l.endCatch()
	}
	l.exitTry(hasFinally, fin, outerUnwind, done)
}

// exitTry leaves a try normally: run finally, then continue after it.
func (l *lowerer) exitTry(hasFinally bool, fin []syntax.Stmt, outerUnwind int, done *ir.Block) {
	if l.cur.Term != nil {
		return
	}
	if hasFinally {
		l.runFinally(fin, outerUnwind, len(l.cleanups)-1)
	}
	if l.cur.Term == nil {
		l.cur.NewBr(done)
	}
}

func (l *lowerer) resumeAfterFinally(lp *ir.InstLandingPad, hasFinally bool, fin []syntax.Stmt, outerUnwind int) {
	if hasFinally {
		l.runFinally(fin, outerUnwind, l.finallyIndex(fin))
	}
	if l.cur.Term == nil {
		if outerUnwind > 0 {
			// An enclosing try in this function catches it: branch to its
			// landing pad by re-raising through an invoke.
			exn := l.cur.NewExtractValue(lp, 0)
			l.reraise(exn, outerUnwind)
			return
		}
		l.cur.NewResume(lp)
	}
}

// reraise raises exn again with the unwind destination at depth.
func (l *lowerer) reraise(exn value.Value, depth int) {
	saved := l.unwind
	l.unwind = l.unwind[:depth]
	raise := l.external("__artiq_raise", irtypes.Void, false, irtypes.NewPointer(l.exnType))
	if len(raise.FuncAttrs) == 0 {
		raise.FuncAttrs = append(raise.FuncAttrs, enum.FuncAttrNoReturn)
	}
	ptr := l.cur.NewBitCast(exn, irtypes.NewPointer(l.exnType))
	l.callOrInvoke(raise, ptr)
	l.cur.NewUnreachable()
	l.unwind = saved
}

func (l *lowerer) finallyIndex(fin []syntax.Stmt) int {
	for i := len(l.cleanups) - 1; i >= 0; i-- {
		if len(l.cleanups[i].finally) > 0 && &l.cleanups[i].finally[0] == &fin[0] {
			return i
		}
	}
	return len(l.cleanups)
}

// runFinally lowers a finally body as seen from outside its try: the
// cleanups and unwind destinations in force are those around the try.
func (l *lowerer) runFinally(fin []syntax.Stmt, outerUnwind, index int) {
	savedU, savedC := l.unwind, l.cleanups
	l.unwind = l.unwind[:outerUnwind:outerUnwind]
	if index > len(l.cleanups) {
		index = len(l.cleanups)
	}
	l.cleanups = l.cleanups[:index:index]
	l.stmts(fin)
	l.unwind, l.cleanups = savedU, savedC
}

func (l *lowerer) endCatch() {
	f := l.external("__artiq_end_catch", irtypes.Void, false)
	l.cur.NewCall(f)
}

// unwindCleanups runs the pending cleanups from the innermost down to
// (but not including) index stop, for a return, break or continue.
func (l *lowerer) unwindCleanups(stop int) {
	for i := len(l.cleanups) - 1; i >= stop && l.cur.Term == nil; i-- {
		c := l.cleanups[i]
		if c.endCatch {
			l.endCatch()
			continue
		}
		l.runFinally(c.finally, c.unwind, i)
	}
}

// loopCleanups is the index of the first cleanup pushed inside the
// innermost loop.
func (l *lowerer) loopCleanups() int {
	depth := len(l.loops)
	i := len(l.cleanups)
	for i > 0 && l.cleanups[i-1].loops >= depth {
		i--
	}
	return i
}

func (l *lowerer) raiseStmt(s *syntax.Raise) {
	ri := l.b.Raises[s]
	if ri.Var != nil {
		l.reraise(l.expr(ri.Var), len(l.unwind))
		return
	}
	if ri.Obj != nil {
		// An instance of a user exception class: the ARTIQ exception
		// carries its message, and the instance itself in param[2] so
		// that a handler can bind it (the runtime copies only the
		// exception struct).
		obj := l.expr(ri.Obj)
		msg := l.cur.NewLoad(l.strType, l.messageField(obj, ri.ObjClass))
		ptr := l.cur.NewPtrToInt(obj, irtypes.I64)
		zero := constant.NewInt(irtypes.I64, 0)
		l.raiseValue(s, ri.Class, msg, zero, zero, ptr)
		return
	}
	if ri.Class == "" {
		// A bare raise re-raises the exception being handled.
		exn := l.handling[len(l.handling)-1]
		l.reraise(exn, len(l.unwind))
		return
	}
	var msg value.Value
	if ri.Msg != nil {
		msg = l.expr(ri.Msg)
	}
	var params []value.Value
	for _, p := range ri.Params {
		params = append(params, l.convert(l.expr(p), l.b.TypeOf(p), types.TInt64))
	}
	l.raiseValue(s, ri.Class, msg, params...)
}

// printException prints the message of the exception bound by `except ... as e`.
func (l *lowerer) exceptionMessage(exn value.Value) value.Value {
	p := l.cur.NewBitCast(exn, irtypes.NewPointer(l.exnType))
	field := l.cur.NewGetElementPtr(l.exnType, p, constant.NewInt(irtypes.I32, 0), constant.NewInt(irtypes.I32, 5))
	return l.cur.NewLoad(l.strType, field)
}

// catchNames expands the classes an except clause names: a user exception
// class also catches the classes derived from it.
func (l *lowerer) catchNames(classes []string) []string {
	var out []string
	for _, c := range classes {
		if _, builtin := ExceptionID(c); builtin || types.IsCatchAll(c) {
			out = append(out, c)
			continue
		}
		if subs := types.BuiltinSubclasses(c); types.IsBuiltinException(c) {
			out = append(out, subs...)
			continue
		}
		for _, cl := range l.userExceptions(c) {
			out = append(out, cl.Symbol())
		}
	}
	return out
}

// exceptionID is the id raised and caught for an exception class: the
// firmware's for built-ins, the name-derived one for user classes.
func (l *lowerer) exceptionID(name string) int64 {
	if id, ok := ExceptionID(name); ok {
		return int64(id)
	}
	if cl := l.userClass(name); cl != nil {
		return int64(cl.ExceptionID())
	}
	if types.IsBuiltinException(name) {
		return int64(types.NameExceptionID(name))
	}
	panic("lower: unknown exception " + name)
}

// exceptionObject is the instance of the user exception class cl that the
// caught exception exn carries in param[2]; an exception raised without
// one (by the host, through an RPC) gets a new instance holding its
// message.
func (l *lowerer) exceptionObject(exn value.Value, cl *types.Class) value.Value {
	p := l.cur.NewBitCast(exn, irtypes.NewPointer(l.exnType))
	param := l.cur.NewGetElementPtr(l.exnType, p, constant.NewInt(irtypes.I32, 0), constant.NewInt(irtypes.I32, 6), constant.NewInt(irtypes.I32, 2))
	raw := l.cur.NewLoad(irtypes.I64, param)
	st := irtypes.NewPointer(l.classType(cl))
	have := l.newBlock("exnobj.have")
	make := l.newBlock("exnobj.make")
	join := l.newBlock("exnobj.join")
	l.cur.NewCondBr(l.cur.NewICmp(enum.IPredEQ, raw, constant.NewInt(irtypes.I64, 0)), make, have)
	l.cur = have
	got := l.cur.NewIntToPtr(raw, st)
	l.cur.NewBr(join)
	l.cur = make
	obj := l.allocInstance(cl)
	l.cur.NewStore(l.exceptionMessage(exn), l.messageField(obj, cl))
	made := l.cur
	l.cur.NewBr(join)
	l.cur = join
	return l.cur.NewPhi(ir.NewIncoming(got, have), ir.NewIncoming(obj, made))
}
