package lower

import (
	"math"

	"github.com/llir/llvm/ir"
	"github.com/llir/llvm/ir/constant"
	"github.com/llir/llvm/ir/enum"
	irtypes "github.com/llir/llvm/ir/types"
	"github.com/llir/llvm/ir/value"

	"github.com/rules-artiq/rules_artiq/compiler/syntax"
	"github.com/rules-artiq/rules_artiq/compiler/types"
)

// expr lowers e and returns its value (nil for None).
func (l *lowerer) expr(e syntax.Expr) value.Value {
	t := l.b.TypeOf(e)
	switch e := e.(type) {
	case *syntax.IntLit:
		v, _ := new(bigInt).SetString(e.Text, 0)
		it := l.irType(t).(*irtypes.IntType)
		if it.BitSize == 32 {
			// 2147483648 only reaches here negated (-2147483648): wrap it.
			return constant.NewInt(it, int64(int32(v.Int64())))
		}
		return constant.NewInt(it, v.Int64())
	case *syntax.FloatLit:
		return constant.NewFloat(irtypes.Double, e.Value)
	case *syntax.StrLit:
		return l.str(e.Value)
	case *syntax.BytesLit:
		return l.str(string(e.Value))
	case *syntax.Constant:
		switch e.Value {
		case "True":
			return constant.True
		case "False":
			return constant.False
		}
		return nil
	case *syntax.Name:
		if obj, ok := l.b.MaybeUnbound[e]; ok {
			l.checkAssigned(e, obj)
		}
		return l.constOrName(l.b.Uses[e], t)
	case *syntax.Attribute:
		if a, ok := l.b.TypeOf(e.X).(*types.Array); ok {
			return l.arrayAttr(e, a) // array.go
		}
		if bm, ok := l.b.BoundMethods[e]; ok {
			// obj.method as a value: a closure over obj, in a cell of its
			// own each time (a loop makes one per object).
			recv := l.expr(e.X)
			t := l.irType(bm.Recv.Type)
			alloc := l.external("__kernel_alloc", irtypes.I8Ptr, false, irtypes.I32)
			cell := l.cur.NewBitCast(l.callOrInvoke(alloc, sizeOf(t)), irtypes.NewPointer(t))
			l.cur.NewStore(recv, cell)
			l.vars[bm.Recv] = cell
			return l.expr(bm.Lambda)
		}
		if v, ok := l.hostRef(e); ok {
			return v
		}
		if _, ok := l.b.Fields[e]; ok {
			return l.loadField(e)
		}
		return l.constOrName(l.b.Attrs[e], t)
	case *syntax.Unary:
		return l.unary(e)
	case *syntax.Binary:
		xt, yt := l.b.TypeOf(e.X), l.b.TypeOf(e.Y)
		return l.binary(e, e.Op, l.expr(e.X), xt, l.expr(e.Y), yt, t)
	case *syntax.BoolOp:
		return l.boolOp(e, t)
	case *syntax.Compare:
		return l.compare(e)
	case *syntax.IfExp:
		return l.ifExp(e, t)
	case *syntax.Call:
		return l.call(e)
	case *syntax.List:
		return l.listLit(e, t.(*types.List))
	case *syntax.Tuple:
		return l.tupleLit(e, t.(*types.Tuple))
	case *syntax.Subscript:
		return l.subscript(e)
	case *syntax.ListComp:
		return l.listComp(e, t.(*types.List))
	case *syntax.Lambda:
		return l.closure(l.b.Lambdas[e])
	}
	panic("lower: unexpected expression; the checker should have rejected it")
}

// constOrName is name, with a constant in the type of its use (an int32
// constant where an int64 or a float is needed: types.isIntConstRef).
func (l *lowerer) constOrName(obj *types.Object, t types.Type) value.Value {
	v := l.name(obj)
	if obj.Kind == types.ObjConst && obj.Const != nil {
		v = l.convert(v, obj.Const.Type, t)
	}
	return v
}

func (l *lowerer) name(obj *types.Object) value.Value {
	switch obj.Kind {
	case types.ObjLocal, types.ObjGlobal:
		if types.Is(obj.Type, types.NoneKind) {
			return nil
		}
		return l.cur.NewLoad(l.irType(obj.Type), l.addr(obj))
	case types.ObjConst:
		return l.constant(obj.Const)
	case types.ObjFunc:
		return l.functionValue(obj.Func)
	}
	panic("lower: name is not a value")
}

func (l *lowerer) constant(k *types.Const) value.Value {
	t := types.Resolve(k.Type)
	switch {
	case types.Is(t, types.Int32):
		return constant.NewInt(irtypes.I32, k.Int)
	case types.Is(t, types.Int64):
		return constant.NewInt(irtypes.I64, k.Int)
	case types.Is(t, types.Bool):
		return constant.NewBool(k.Int != 0)
	case types.Is(t, types.Float):
		return constant.NewFloat(irtypes.Double, k.Float)
	case types.Is(t, types.Str):
		return l.str(k.Str)
	}
	return nil
}

// convert converts v from type from to type to: int32 widens to int64,
// integers become floats, bools become integers.
func (l *lowerer) convert(v value.Value, from, to types.Type) value.Value {
	from, to = types.Resolve(from), types.Resolve(to)
	if from == to || v == nil {
		return v
	}
	switch {
	case types.Is(to, types.Float) && types.IsInt(from):
		return l.cur.NewSIToFP(v, irtypes.Double)
	case types.Is(to, types.Float) && types.Is(from, types.Bool):
		return l.cur.NewUIToFP(v, irtypes.Double)
	case types.Is(to, types.Int64) && types.Is(from, types.Int32):
		return l.cur.NewSExt(v, irtypes.I64)
	case types.Is(to, types.Int32) && types.Is(from, types.Int64):
		return l.cur.NewTrunc(v, irtypes.I32)
	case types.IsInt(to) && types.Is(from, types.Bool):
		return l.cur.NewZExt(v, l.irType(to))
	case types.IsInt(to) && types.Is(from, types.Float):
		return l.cur.NewFPToSI(v, l.irType(to))
	}
	return v
}

// truth converts a value used as a condition to i1, as Python's bool().
func (l *lowerer) truth(e syntax.Expr) value.Value {
	if a, ok := l.b.TypeOf(e).(*types.Array); ok {
		return l.arrayTruth(e, l.expr(e), a) // array.go
	}
	return l.truthOf(l.expr(e), l.b.TypeOf(e))
}

func (l *lowerer) truthOf(v value.Value, t types.Type) value.Value {
	switch {
	case types.Is(t, types.Bool):
		return v
	case types.IsInt(t):
		return l.cur.NewICmp(enum.IPredNE, v, constant.NewInt(v.Type().(*irtypes.IntType), 0))
	case types.Is(t, types.Float):
		return l.cur.NewFCmp(enum.FPredUNE, v, constant.NewFloat(irtypes.Double, 0))
	case types.Is(t, types.Str) || types.IsBytesLike(t):
		s := l.cur.NewExtractValue(v, 1)
		return l.cur.NewICmp(enum.IPredNE, s, constant.NewInt(irtypes.I32, 0))
	}
	switch t := t.(type) {
	case *types.Array:
		return l.arrayTruth(nil, v, t) // array.go
	case *types.List:
		return l.cur.NewICmp(enum.IPredNE, l.listLen(v), ci32(0))
	case *types.Tuple:
		return constant.NewBool(len(t.Elems) > 0)
	case *types.Range:
		n := l.rangeLen(l.cur.NewExtractValue(v, 0), l.cur.NewExtractValue(v, 1), l.cur.NewExtractValue(v, 2))
		return l.cur.NewICmp(enum.IPredNE, n, ci32(0))
	}
	return constant.False
}

func (l *lowerer) unary(e *syntax.Unary) value.Value {
	t := l.b.TypeOf(e)
	xt := l.b.TypeOf(e.X)
	x := l.expr(e.X)
	if a, ok := xt.(*types.Array); ok {
		return l.arrayUnary(e, x, a) // array.go
	}
	switch e.Op {
	case syntax.Not:
		return l.cur.NewXor(l.truthOf(x, xt), constant.True)
	case syntax.Add:
		return l.convert(x, xt, t)
	case syntax.Sub:
		x = l.convert(x, xt, t)
		if types.Is(t, types.Float) {
			return l.cur.NewFNeg(x)
		}
		return l.cur.NewSub(constant.NewInt(x.Type().(*irtypes.IntType), 0), x)
	case syntax.Invert:
		x = l.convert(x, xt, t)
		return l.cur.NewXor(x, constant.NewInt(x.Type().(*irtypes.IntType), -1))
	}
	panic("lower: bad unary operator")
}

// binaryResult is the type a binary operation computes in.
func (l *lowerer) binaryResult(op syntax.Op, x, y types.Type) types.Type {
	if (op == syntax.BitAnd || op == syntax.BitOr || op == syntax.BitXor) && types.Is(x, types.Bool) && types.Is(y, types.Bool) {
		return types.TBool
	}
	if types.Is(x, types.Bool) {
		x = types.TInt32
	}
	if types.Is(y, types.Bool) {
		y = types.TInt32
	}
	switch op {
	case syntax.Div:
		return types.TFloat
	case syntax.LShift, syntax.RShift:
		return x
	}
	switch xt := x.(type) {
	case *types.List:
		return xt
	case *types.Tuple:
		if yt, ok := y.(*types.Tuple); ok {
			return &types.Tuple{Elems: append(append([]types.Type{}, xt.Elems...), yt.Elems...)}
		}
	}
	if yl, ok := y.(*types.List); ok {
		return yl
	}
	switch {
	case types.Is(x, types.Str):
		return types.TStr
	case types.IsBytesLike(x):
		return x
	case types.IsBytesLike(y):
		return y
	case types.Is(x, types.Float) || types.Is(y, types.Float):
		return types.TFloat
	case types.Is(x, types.Int64) || types.Is(y, types.Int64):
		return types.TInt64
	}
	return x
}

// binary computes x op y in type rt (converting the operands first).
func (l *lowerer) binary(at syntax.Node, op syntax.Op, x value.Value, xt types.Type, y value.Value, yt types.Type, rt types.Type) value.Value {
	if op == syntax.MatMul {
		return l.matmul(at, x, xt, y, yt, rt) // array.go
	}
	if a, ok := rt.(*types.Array); ok {
		return l.arrayBinary(at, op, x, xt, y, yt, a) // array.go
	}
	if v, ok := l.seqBinary(op, x, xt, y, yt, rt); ok {
		return v
	}
	if types.Is(rt, types.Str) {
		if op == syntax.Mul { // str * n, n * str
			if types.Is(xt, types.Str) {
				return l.strRepeat(x, l.convert(y, yt, types.TInt32))
			}
			return l.strRepeat(y, l.convert(x, xt, types.TInt32))
		}
		return l.strConcat(x, y)
	}
	if types.IsBytesLike(rt) { // laid out as str
		switch {
		case op == syntax.Add:
			return l.strConcat(x, y)
		case types.IsBytesLike(xt):
			return l.strRepeat(x, l.convert(y, yt, types.TInt32))
		}
		return l.strRepeat(y, l.convert(x, xt, types.TInt32))
	}
	if op == syntax.LShift || op == syntax.RShift {
		return l.shift(at, op, l.convert(x, xt, rt), l.convert(y, yt, rt))
	}
	ct := rt // computation type
	if op == syntax.Div {
		ct = types.TFloat
	}
	intDiv := op == syntax.Div && !types.Is(xt, types.Float) && !types.Is(yt, types.Float)
	x, y = l.convert(x, xt, ct), l.convert(y, yt, ct)
	if types.Is(ct, types.Float) {
		return l.floatOp(at, op, x, y, intDiv)
	}
	switch op {
	case syntax.Add:
		return l.cur.NewAdd(x, y)
	case syntax.Sub:
		return l.cur.NewSub(x, y)
	case syntax.Mul:
		return l.cur.NewMul(x, y)
	case syntax.FloorDiv, syntax.Mod:
		return l.intDivMod(at, op, x, y)
	case syntax.Pow:
		return l.intPow(at, x, y)
	case syntax.BitAnd:
		return l.cur.NewAnd(x, y)
	case syntax.BitOr:
		return l.cur.NewOr(x, y)
	case syntax.BitXor:
		return l.cur.NewXor(x, y)
	}
	panic("lower: bad binary operator")
}

// intDivMod implements Python's floor division and modulo: the quotient
// rounds toward negative infinity and the remainder has the divisor's sign.
// Division by zero raises ZeroDivisionError; x // -1 wraps instead of
// trapping, as 32-bit arithmetic does elsewhere.
func (l *lowerer) intDivMod(at syntax.Node, op syntax.Op, x, y value.Value) value.Value {
	it := x.Type().(*irtypes.IntType)
	zero := constant.NewInt(it, 0)
	ok := l.newBlock("div.ok")
	fail := l.newBlock("div.zero")
	l.cur.NewCondBr(l.cur.NewICmp(enum.IPredEQ, y, zero), fail, ok)
	l.cur = fail
	msg := "integer division or modulo by zero"
	if op == syntax.Mod {
		msg = "integer modulo by zero"
	}
	l.raise(at, "ZeroDivisionError", msg, nil)
	l.cur = ok
	return l.intDivModCore(op, x, y)
}

// intDivModCore is x // y or x % y for y != 0.
func (l *lowerer) intDivModCore(op syntax.Op, x, y value.Value) value.Value {
	it := x.Type().(*irtypes.IntType)
	zero := constant.NewInt(it, 0)
	// Avoid sdiv's undefined MIN / -1 by dividing by 1 and negating.
	minusOne := l.cur.NewICmp(enum.IPredEQ, y, constant.NewInt(it, -1))
	safeY := l.cur.NewSelect(minusOne, constant.NewInt(it, 1), y)
	q := l.cur.NewSDiv(x, safeY)
	r := l.cur.NewSRem(x, safeY)
	// Adjust when the remainder is non-zero and its sign differs from y's.
	adjust := l.cur.NewAnd(
		l.cur.NewICmp(enum.IPredNE, r, zero),
		l.cur.NewICmp(enum.IPredSLT, l.cur.NewXor(r, safeY), zero))
	if op == syntax.Mod {
		return l.cur.NewSelect(adjust, l.cur.NewAdd(r, safeY), r)
	}
	q1 := l.cur.NewSelect(adjust, l.cur.NewSub(q, constant.NewInt(it, 1)), q)
	return l.cur.NewSelect(minusOne, l.cur.NewSub(zero, x), q1)
}

// intPow computes x ** y by squaring; a negative exponent raises
// ValueError because the result would not be an integer.
func (l *lowerer) intPow(at syntax.Node, x, y value.Value) value.Value {
	return l.intPowMsg(at, x, y, "negative exponent in integer power")
}

// intPowMsg is intPow with the message of the ValueError.
func (l *lowerer) intPowMsg(at syntax.Node, x, y value.Value, msg string) value.Value {
	it := x.Type().(*irtypes.IntType)
	zero, one := constant.NewInt(it, 0), constant.NewInt(it, 1)
	ok := l.newBlock("pow.ok")
	fail := l.newBlock("pow.neg")
	l.cur.NewCondBr(l.cur.NewICmp(enum.IPredSLT, y, zero), fail, ok)
	l.cur = fail
	l.raise(at, "ValueError", msg, nil)
	l.cur = ok
	pre := l.cur
	head := l.newBlock("pow.loop")
	done := l.newBlock("pow.end")
	l.cur.NewBr(head)
	l.cur = head
	acc := &ir.InstPhi{}
	base := &ir.InstPhi{}
	exp := &ir.InstPhi{}
	accPhi := head.NewPhi(ir.NewIncoming(one, pre))
	basePhi := head.NewPhi(ir.NewIncoming(x, pre))
	expPhi := head.NewPhi(ir.NewIncoming(y, pre))
	_, _, _ = acc, base, exp
	odd := head.NewICmp(enum.IPredNE, head.NewAnd(expPhi, one), zero)
	accNext := head.NewSelect(odd, head.NewMul(accPhi, basePhi), accPhi)
	baseNext := head.NewMul(basePhi, basePhi)
	expNext := head.NewLShr(expPhi, one)
	accPhi.Incs = append(accPhi.Incs, ir.NewIncoming(accNext, head))
	basePhi.Incs = append(basePhi.Incs, ir.NewIncoming(baseNext, head))
	expPhi.Incs = append(expPhi.Incs, ir.NewIncoming(expNext, head))
	head.NewCondBr(head.NewICmp(enum.IPredEQ, expNext, zero), done, head)
	l.cur = done
	return accNext
}

// shift implements Python's shifts on fixed-width integers: a negative
// count raises ValueError; counts past the width give 0 (or the sign) rather
// than LLVM's poison.
func (l *lowerer) shift(at syntax.Node, op syntax.Op, x, y value.Value) value.Value {
	it := x.Type().(*irtypes.IntType)
	zero := constant.NewInt(it, 0)
	ok := l.newBlock("shift.ok")
	fail := l.newBlock("shift.neg")
	l.cur.NewCondBr(l.cur.NewICmp(enum.IPredSLT, y, zero), fail, ok)
	l.cur = fail
	l.raise(at, "ValueError", "negative shift count", nil)
	l.cur = ok
	width := constant.NewInt(it, int64(it.BitSize))
	big := l.cur.NewICmp(enum.IPredSGE, y, width)
	maxShift := constant.NewInt(it, int64(it.BitSize-1))
	if op == syntax.LShift {
		return l.cur.NewSelect(big, zero, l.cur.NewShl(x, l.cur.NewSelect(big, zero, y)))
	}
	return l.cur.NewAShr(x, l.cur.NewSelect(big, maxShift, y))
}

// floatOp computes x op y on doubles; intDiv says that x / y divides two
// integers (CPython words its ZeroDivisionError differently then).
func (l *lowerer) floatOp(at syntax.Node, op syntax.Op, x, y value.Value, intDiv bool) value.Value {
	d := irtypes.Double
	switch op {
	case syntax.Add:
		return l.cur.NewFAdd(x, y)
	case syntax.Sub:
		return l.cur.NewFSub(x, y)
	case syntax.Mul:
		return l.cur.NewFMul(x, y)
	case syntax.Pow:
		return l.cur.NewCall(l.external("pow", d, false, d, d), x, y)
	}
	// Division and modulo by zero raise, as in Python.
	ok := l.newBlock("fdiv.ok")
	fail := l.newBlock("fdiv.zero")
	l.cur.NewCondBr(l.cur.NewFCmp(enum.FPredOEQ, y, constant.NewFloat(d, 0)), fail, ok)
	l.cur = fail
	msg := map[syntax.Op]string{syntax.Div: "float division by zero", syntax.FloorDiv: "float floor division by zero", syntax.Mod: "float modulo"}[op]
	if intDiv {
		msg = "division by zero"
	}
	l.raise(at, "ZeroDivisionError", msg, nil)
	l.cur = ok
	if op == syntax.Div {
		return l.cur.NewFDiv(x, y)
	}
	return l.floatDivModCore(op, x, y)
}

// floatDivModCore is x // y or x % y for floats, y != 0.
func (l *lowerer) floatDivModCore(op syntax.Op, x, y value.Value) value.Value {
	d := irtypes.Double
	// CPython's float_divmod: mod = fmod(x, y) takes y's sign; the quotient
	// is (x - mod) / y, floored.
	zero := constant.NewFloat(d, 0)
	mod := l.cur.NewCall(l.external("fmod", d, false, d, d), x, y)
	modNZ := l.cur.NewFCmp(enum.FPredUNE, mod, zero)
	signDiffers := l.cur.NewXor(l.cur.NewFCmp(enum.FPredOLT, y, zero), l.cur.NewFCmp(enum.FPredOLT, mod, zero))
	fix := l.cur.NewAnd(modNZ, signDiffers)
	modFixed := l.cur.NewSelect(fix, l.cur.NewFAdd(mod, y), mod)
	if op == syntax.Mod {
		// A zero result takes the divisor's sign.
		copysign := l.external("copysign", d, false, d, d)
		return l.cur.NewSelect(modNZ, modFixed, l.cur.NewCall(copysign, zero, y))
	}
	var div value.Value = l.cur.NewFDiv(l.cur.NewFSub(x, mod), y)
	div = l.cur.NewSelect(fix, l.cur.NewFSub(div, constant.NewFloat(d, 1)), div)
	fl := l.cur.NewCall(l.external("floor", d, false, d), div)
	// Round the floored quotient to the nearest integer when it is off by
	// more than half, as CPython does to absorb fmod's rounding.
	off := l.cur.NewFCmp(enum.FPredOGT, l.cur.NewFSub(div, fl), constant.NewFloat(d, 0.5))
	fl2 := l.cur.NewSelect(off, l.cur.NewFAdd(fl, constant.NewFloat(d, 1)), fl)
	divNZ := l.cur.NewFCmp(enum.FPredUNE, div, zero)
	signed0 := l.cur.NewCall(l.external("copysign", d, false, d, d), zero, l.cur.NewFDiv(x, y))
	return l.cur.NewSelect(divNZ, fl2, signed0)
}

func (l *lowerer) compare(e *syntax.Compare) value.Value {
	_, arrayResult := l.b.TypeOf(e).(*types.Array)
	_, inArray := l.b.TypeOf(e.Ys[0]).(*types.Array)
	if arrayResult || inArray && (e.Ops[0] == syntax.In || e.Ops[0] == syntax.NotIn) {
		return l.arrayCompare(e) // array.go
	}
	x := l.expr(e.X)
	xt := l.b.TypeOf(e.X)
	if len(e.Ops) == 1 {
		y := l.expr(e.Ys[0])
		return l.compare1(e.Ops[0], x, xt, y, l.b.TypeOf(e.Ys[0]))
	}
	// a < b < c evaluates b once and stops at the first false.
	done := l.newBlock("cmp.end")
	var incs []*ir.Incoming
	for i, op := range e.Ops {
		y := l.expr(e.Ys[i])
		yt := l.b.TypeOf(e.Ys[i])
		r := l.compare1(op, x, xt, y, yt)
		if i == len(e.Ops)-1 {
			incs = append(incs, ir.NewIncoming(r, l.cur))
			l.cur.NewBr(done)
			break
		}
		next := l.newBlock("cmp.next")
		incs = append(incs, ir.NewIncoming(constant.False, l.cur))
		l.cur.NewCondBr(r, next, done)
		l.cur = next
		x, xt = y, yt
	}
	l.cur = done
	return l.cur.NewPhi(incs...)
}

func (l *lowerer) compare1(op syntax.Op, x value.Value, xt types.Type, y value.Value, yt types.Type) value.Value {
	switch op {
	case syntax.In:
		return l.contains(x, xt, y, yt)
	case syntax.NotIn:
		return l.cur.NewXor(l.contains(x, xt, y, yt), constant.True)
	case syntax.Is:
		return l.identical(x, xt, y, yt)
	case syntax.IsNot:
		return l.cur.NewXor(l.identical(x, xt, y, yt), constant.True)
	}
	switch xt.(type) {
	case *types.List, *types.Tuple, *types.Range:
		if op != syntax.Eq && op != syntax.NotEq {
			return l.order(op, x, xt, y, yt)
		}
		eq := l.equal(x, xt, y, yt)
		if op == syntax.NotEq {
			return l.cur.NewXor(eq, constant.True)
		}
		return eq
	}
	if types.IsBytesLike(xt) && types.IsBytesLike(yt) {
		return l.bytesCompare(op, x, y) // bytes.go
	}
	if types.Is(xt, types.Str) && types.Is(yt, types.Str) {
		if op != syntax.Eq && op != syntax.NotEq {
			return l.order(op, x, xt, y, yt)
		}
		eq := l.strEq(x, y)
		if op == syntax.NotEq {
			return l.cur.NewXor(eq, constant.True)
		}
		return eq
	}
	ct := types.Type(types.TInt32)
	switch {
	case types.Is(xt, types.Float) || types.Is(yt, types.Float):
		ct = types.TFloat
	case types.Is(xt, types.Int64) || types.Is(yt, types.Int64):
		ct = types.TInt64
	case types.Is(xt, types.Bool) && types.Is(yt, types.Bool):
		ct = types.TBool
	}
	x, y = l.convert(x, xt, ct), l.convert(y, yt, ct)
	if types.Is(ct, types.Float) {
		pred := map[syntax.Op]enum.FPred{
			syntax.Eq: enum.FPredOEQ, syntax.NotEq: enum.FPredUNE,
			syntax.Lt: enum.FPredOLT, syntax.LtE: enum.FPredOLE,
			syntax.Gt: enum.FPredOGT, syntax.GtE: enum.FPredOGE,
		}[op]
		return l.cur.NewFCmp(pred, x, y)
	}
	pred := map[syntax.Op]enum.IPred{
		syntax.Eq: enum.IPredEQ, syntax.NotEq: enum.IPredNE,
		syntax.Lt: enum.IPredSLT, syntax.LtE: enum.IPredSLE,
		syntax.Gt: enum.IPredSGT, syntax.GtE: enum.IPredSGE,
	}[op]
	if types.Is(ct, types.Bool) {
		pred = map[syntax.Op]enum.IPred{
			syntax.Eq: enum.IPredEQ, syntax.NotEq: enum.IPredNE,
			syntax.Lt: enum.IPredULT, syntax.LtE: enum.IPredULE,
			syntax.Gt: enum.IPredUGT, syntax.GtE: enum.IPredUGE,
		}[op]
	}
	return l.cur.NewICmp(pred, x, y)
}

// strEq compares two {ptr, len} strings: equal lengths and equal bytes.
func (l *lowerer) strEq(x, y value.Value) value.Value {
	xl, yl := l.cur.NewExtractValue(x, 1), l.cur.NewExtractValue(y, 1)
	same := l.newBlock("streq.len")
	done := l.newBlock("streq.end")
	pre := l.cur
	l.cur.NewCondBr(l.cur.NewICmp(enum.IPredEQ, xl, yl), same, done)
	l.cur = same
	bcmp := l.external("bcmp", irtypes.I32, false, irtypes.I8Ptr, irtypes.I8Ptr, irtypes.I32)
	r := l.cur.NewCall(bcmp, l.cur.NewExtractValue(x, 0), l.cur.NewExtractValue(y, 0), xl)
	eq := l.cur.NewICmp(enum.IPredEQ, r, constant.NewInt(irtypes.I32, 0))
	l.cur.NewBr(done)
	l.cur = done
	return l.cur.NewPhi(ir.NewIncoming(constant.False, pre), ir.NewIncoming(eq, same))
}

// boolOp lowers `and`/`or` with short-circuit evaluation; the result is the
// last operand evaluated, as in Python.
func (l *lowerer) boolOp(e *syntax.BoolOp, t types.Type) value.Value {
	done := l.newBlock("bool.end")
	var incs []*ir.Incoming
	for i, x := range e.X {
		v := l.convert(l.expr(x), l.b.TypeOf(x), t)
		if i == len(e.X)-1 {
			incs = append(incs, ir.NewIncoming(v, l.cur))
			l.cur.NewBr(done)
			break
		}
		next := l.newBlock("bool.next")
		incs = append(incs, ir.NewIncoming(v, l.cur))
		truth := l.truthOf(v, t)
		if e.Op == syntax.And {
			l.cur.NewCondBr(truth, next, done)
		} else {
			l.cur.NewCondBr(truth, done, next)
		}
		l.cur = next
	}
	l.cur = done
	return l.cur.NewPhi(incs...)
}

func (l *lowerer) ifExp(e *syntax.IfExp, t types.Type) value.Value {
	then := l.newBlock("ifx.then")
	els := l.newBlock("ifx.else")
	done := l.newBlock("ifx.end")
	l.cur.NewCondBr(l.truth(e.Cond), then, els)
	l.cur = then
	a := l.convert(l.expr(e.Then), l.b.TypeOf(e.Then), t)
	aBlock := l.cur
	l.cur.NewBr(done)
	l.cur = els
	b := l.convert(l.expr(e.Else), l.b.TypeOf(e.Else), t)
	bBlock := l.cur
	l.cur.NewBr(done)
	l.cur = done
	if a == nil {
		return nil
	}
	return l.cur.NewPhi(ir.NewIncoming(a, aBlock), ir.NewIncoming(b, bBlock))
}

var _ = math.Inf

// constInit is a constant as a global's initializer.
func (l *lowerer) constInit(k *types.Const, t types.Type) constant.Constant {
	if c, ok := l.constant(k).(constant.Constant); ok {
		return c
	}
	return zero(l.irType(t))
}
