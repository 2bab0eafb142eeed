package lower

import (
	"math"
	"math/big"
	"strings"

	"github.com/llir/llvm/ir/constant"
	"github.com/llir/llvm/ir/enum"
	irtypes "github.com/llir/llvm/ir/types"
	"github.com/llir/llvm/ir/value"

	"github.com/rules-artiq/rules_artiq/compiler/syntax"
	"github.com/rules-artiq/rules_artiq/compiler/types"
)

type bigInt = big.Int

func (l *lowerer) call(e *syntax.Call) value.Value {
	ci := l.b.Calls[e]
	if ci.Builtin != "" {
		return l.builtin(e, ci)
	}
	if ci.RPC != nil {
		return l.rpcCall(e, ci)
	}
	if ci.Indirect {
		return l.callValue(e, ci)
	}
	if ci.New != nil {
		return l.newInstance(e, ci)
	}
	if ci.Recv != nil {
		return l.callMethod(ci, l.expr(ci.Recv))
	}
	sig := ci.Callee.Type.(*types.Func)
	args := l.args(ci, sig)
	var callee value.Value
	switch ci.Callee.Kind {
	case types.ObjFunc:
		fn := ci.Callee.Func
		if fn.Imported {
			ret, params := l.sigType(fn.Sig)
			var pts []irtypes.Type
			for _, p := range params {
				pts = append(pts, p.Typ)
			}
			f := l.external(fn.Symbol, ret, false, pts...)
			f.Visibility = enum.VisibilityHidden
			callee = f
		} else {
			callee = l.funcs[fn.Symbol]
		}
	case types.ObjSyscall:
		ret, params := l.sigType(sig)
		var pts []irtypes.Type
		for i, p := range params {
			// ARTIQ's firmware takes aggregates (lists, strings, tuples) by
			// pointer: rtio_output_wide(i32, {i32*, i32}*).
			if _, isStruct := p.Typ.(*irtypes.StructType); isStruct && i < len(args) {
				slot := l.entry.NewAlloca(p.Typ)
				l.cur.NewStore(args[i], slot)
				args[i] = slot
				pts = append(pts, irtypes.NewPointer(p.Typ))
				continue
			}
			pts = append(pts, p.Typ)
		}
		callee = l.external(ci.Callee.Symbol, ret, false, pts...)
	default:
		panic("lower: call of a non-function")
	}
	return l.callOrInvoke(callee, args...)
}

// args evaluates bound arguments left to right (as written) and fills in
// defaults, converting each to its parameter's type.
func (l *lowerer) args(ci *types.CallInfo, sig *types.Func) []value.Value {
	return l.bindArgs(ci, sig.Params)
}

// bindArgs evaluates the bound arguments in order, fills defaults and
// drops the values of None parameters (which have no LLVM parameter).
func (l *lowerer) bindArgs(ci *types.CallInfo, params []types.Param) []value.Value {
	var out []value.Value
	for i, a := range ci.Args {
		var v value.Value
		if a == nil {
			v = l.convert(l.constant(ci.Defaults[i]), ci.Defaults[i].Type, params[i].Type)
		} else {
			v = l.convert(l.expr(a), l.b.TypeOf(a), params[i].Type)
		}
		if types.Is(params[i].Type, types.NoneKind) {
			continue
		}
		out = append(out, v)
	}
	return out
}

func (l *lowerer) builtin(e *syntax.Call, ci *types.CallInfo) value.Value {
	if v, ok := l.arrayBuiltin(e, ci); ok { // array.go
		return v
	}
	t := l.b.TypeOf(e)
	arg := func(i int) value.Value { return l.expr(e.Args[i]) }
	argT := func(i int) types.Type { return l.b.TypeOf(e.Args[i]) }
	d := irtypes.Double
	if name, ok := strings.CutPrefix(ci.Builtin, "list."); ok {
		return l.listMethod(e, ci, name)
	}
	if name, ok := strings.CutPrefix(ci.Builtin, "str."); ok {
		return l.strMethod(e, ci, name)
	}
	switch ci.Builtin {
	case "object.__init__":
		return nil
	case "sum":
		return l.sum(e, t)
	case "enumerate", "zip", "reversed":
		return l.iterList(e, ci.Builtin, t.(*types.List))
	case "sorted":
		lt := t.(*types.List)
		et := l.memType(lt.Elem)
		src := arg(0)
		h := l.makeList(et, l.allocElems(et, ci32(0)), ci32(0))
		l.listExtend(h, lt, src, argT(0))
		l.listSort(h, lt, ci.Reverse)
		return h
	case "str", "repr":
		if len(e.Args) == 0 {
			return l.str("")
		}
		return l.toStr(arg(0), argT(0), ci.Builtin == "repr")
	case "exception.__init__":
		obj := l.expr(ci.Recv)
		var msg value.Value = l.str("")
		if len(ci.Args) > 0 {
			msg = l.expr(ci.Args[0])
		}
		l.cur.NewStore(msg, l.messageField(obj, ci.New))
		return nil
	}
	switch ci.Builtin {
	case "now_mu", "rtio_get_counter":
		return l.nowMu()
	case "at_mu", "delay_mu", "delay", "seconds_to_mu", "mu_to_seconds", "rtio_output":
		sig := ci.Callee.Type.(*types.Func)
		args := l.args(ci, sig)
		switch ci.Builtin {
		case "at_mu":
			l.atMu(args[0])
		case "delay_mu":
			l.delayMu(args[0])
		case "delay":
			l.delayMu(l.secondsToMu(args[0]))
		case "seconds_to_mu":
			return l.secondsToMu(args[0])
		case "mu_to_seconds":
			return l.cur.NewFMul(l.cur.NewSIToFP(args[0], d), constant.NewFloat(d, RefPeriod))
		case "rtio_output":
			f := l.external("rtio_output", irtypes.Void, false, irtypes.I32, irtypes.I32)
			l.cur.NewCall(f, args[0], args[1])
		}
		return nil
	case "print":
		l.print(e)
		return nil
	case "math.floor", "math.ceil", "math.trunc":
		sig := ci.Callee.Type.(*types.Func)
		x := l.args(ci, sig)[0]
		r := l.cur.NewCall(l.external(ci.Builtin[len("math."):], d, false, d), x)
		return l.checkedFPToSI(e, r, irtypes.I32)
	}
	if mod, fn, ok := strings.Cut(ci.Builtin, "."); ok && (mod == "math" || mod == "numpy") {
		return l.mathCall(e, ci, mod, fn)
	}
	switch ci.Builtin {
	case "int32", "int64", "int", "float":
		if len(e.Args) == 0 {
			return zero(l.irType(t))
		}
		return l.convertNumber(arg(0), argT(0), t, e)
	case "bool":
		if len(e.Args) == 0 {
			return constant.False
		}
		return l.truthOf(arg(0), argT(0))
	case "abs":
		x := arg(0)
		if at, ok := t.(*types.Array); ok {
			return l.arrayMap(x, argT(0).(*types.Array), at, func(v value.Value) value.Value { // array.go
				return l.absValue(v, at.Elem)
			})
		}
		return l.absValue(x, t)
	case "round":
		x := arg(0)
		if types.IsInt(argT(0)) {
			return x
		}
		// Python rounds half to even, as rint does in the default mode.
		r := l.cur.NewCall(l.external("rint", d, false, d), x)
		return l.checkedFPToSI(e, r, l.irType(t).(*irtypes.IntType))
	case "len":
		x := arg(0)
		switch xt := argT(0).(type) {
		case *types.List:
			return l.listLen(x)
		case *types.Tuple:
			return ci32(int64(len(xt.Elems)))
		case *types.Range:
			return l.rangeLen(l.cur.NewExtractValue(x, 0), l.cur.NewExtractValue(x, 1), l.cur.NewExtractValue(x, 2))
		}
		if types.Is(argT(0), types.Str) {
			return l.strLen(x) // in code points
		}
		return l.cur.NewExtractValue(x, 1) // bytes, an array's first dimension
	case "range":
		return l.rangeValue(e, t.(*types.Range))
	case "bytes", "bytearray":
		return l.bytesCall(e, ci.Builtin) // bytes.go
	case "list":
		lt := t.(*types.List)
		et := l.memType(lt.Elem)
		if len(e.Args) == 0 {
			return l.makeList(et, l.allocElems(et, ci32(0)), ci32(0))
		}
		x := arg(0)
		if n, get, ok := l.iterSource(x, argT(0)); ok { // bytes and arrays
			dst := l.allocElems(et, n)
			l.loop(n, func(i value.Value) {
				l.cur.NewStore(memValue(get(i)), l.elemPtr(et, dst, i))
			})
			return l.makeList(et, dst, n)
		}
		if types.Is(argT(0), types.Str) {
			n := l.strLen(x)
			dst := l.allocElems(et, n)
			l.loop(n, func(i value.Value) {
				l.cur.NewStore(l.strAt(x, i), l.elemPtr(et, dst, i))
			})
			return l.makeList(et, dst, n)
		}
		switch xt := argT(0).(type) {
		case *types.Tuple:
			n := ci32(int64(len(xt.Elems)))
			dst := l.allocElems(et, n)
			for i := range xt.Elems {
				v := l.convert(l.cur.NewExtractValue(x, uint64(i)), xt.Elems[i], lt.Elem)
				l.cur.NewStore(memValue(v), l.elemPtr(et, dst, ci32(int64(i))))
			}
			return l.makeList(et, dst, n)
		case *types.List:
			n := l.listLen(x)
			dst := l.allocElems(et, n)
			l.memcopy(et, dst, l.listPtr(x), n)
			return l.makeList(et, dst, n)
		case *types.Range:
			start := l.cur.NewExtractValue(x, 0)
			n := l.rangeLen(start, l.cur.NewExtractValue(x, 1), l.cur.NewExtractValue(x, 2))
			dst := l.allocElems(et, n)
			l.iterateIndexed(x, xt, func(i, v value.Value) {
				l.cur.NewStore(v, l.elemPtr(et, dst, i))
			})
			return l.makeList(et, dst, n)
		}
	case "min", "max":
		if len(e.Args) == 1 {
			if a, ok := argT(0).(*types.Array); ok {
				// A 1-D array {T*, i32}: its data and its length.
				x := arg(0)
				return l.minMaxElems(e, ci.Builtin, l.cur.NewExtractValue(x, 0), l.cur.NewExtractValue(x, 1), a.Elem)
			}
			x := arg(0)
			return l.minMaxElems(e, ci.Builtin, l.listPtr(x), l.listLen(x), argT(0).(*types.List).Elem)
		}
		best := l.convert(arg(0), argT(0), t)
		for i := 1; i < len(e.Args); i++ {
			v := l.convert(arg(i), argT(i), t)
			var better value.Value
			switch {
			case types.Is(t, types.Float) && ci.Builtin == "min":
				better = l.cur.NewFCmp(enum.FPredOLT, v, best)
			case types.Is(t, types.Float):
				better = l.cur.NewFCmp(enum.FPredOGT, v, best)
			case ci.Builtin == "min":
				better = l.cur.NewICmp(enum.IPredSLT, v, best)
			default:
				better = l.cur.NewICmp(enum.IPredSGT, v, best)
			}
			best = l.cur.NewSelect(better, v, best)
		}
		return best
	}
	panic("lower: unknown builtin " + ci.Builtin)
}

// convertNumber implements int32(), int64(), int() and float(); float to
// int truncates toward zero like Python's int().
func (l *lowerer) convertNumber(v value.Value, from, to types.Type, at syntax.Node) value.Value {
	if types.Is(from, types.Float) && types.IsInt(to) {
		return l.checkedFPToSI(at, v, l.irType(to).(*irtypes.IntType))
	}
	if types.Is(from, types.Int64) && types.Is(to, types.Int32) {
		return l.cur.NewTrunc(v, irtypes.I32)
	}
	return l.convert(v, from, to)
}

// checkedFPToSI converts a float to an integer; NaN and infinities raise
// ValueError/OverflowError as Python's int() does instead of producing
// LLVM poison.
func (l *lowerer) checkedFPToSI(at syntax.Node, v value.Value, it *irtypes.IntType) value.Value {
	d := irtypes.Double
	ok := l.newBlock("fptosi.ok")
	nan := l.newBlock("fptosi.nan")
	rangeOK := l.newBlock("fptosi.range")
	over := l.newBlock("fptosi.overflow")
	l.cur.NewCondBr(l.cur.NewFCmp(enum.FPredUNO, v, v), nan, rangeOK)
	l.cur = nan
	l.raise(at, "ValueError", "cannot convert float NaN to integer", nil)
	l.cur = rangeOK
	limit := 2147483648.0
	if it.BitSize == 64 {
		limit = 9223372036854775808.0
	}
	inRange := l.cur.NewAnd(
		l.cur.NewFCmp(enum.FPredOLT, v, constant.NewFloat(d, limit)),
		l.cur.NewFCmp(enum.FPredOGE, v, constant.NewFloat(d, -limit)))
	l.cur.NewCondBr(inRange, ok, over)
	l.cur = over
	l.raise(at, "OverflowError", "cannot convert float to integer: out of range", nil)
	l.cur = ok
	return l.cur.NewFPToSI(v, it)
}

// minMaxElems computes min() or max() of the n elements at ptr (a list's
// or a 1-D array's); an empty sequence raises ValueError as in Python.
func (l *lowerer) minMaxElems(at syntax.Node, which string, ptr, n value.Value, elem types.Type) value.Value {
	et := l.memType(elem)
	ok := l.newBlock("minmax.ok")
	empty := l.newBlock("minmax.empty")
	l.cur.NewCondBr(l.cur.NewICmp(enum.IPredEQ, n, ci32(0)), empty, ok)
	l.cur = empty
	l.raise(at, "ValueError", which+"() arg is an empty sequence", nil)
	l.cur = ok
	best := l.entry.NewAlloca(et)
	l.cur.NewStore(l.cur.NewLoad(et, ptr), best)
	l.loop(n, func(i value.Value) {
		v := l.cur.NewLoad(et, l.elemPtr(et, ptr, i))
		b := l.cur.NewLoad(et, best)
		var better value.Value
		switch {
		case types.Is(elem, types.Float) && which == "min":
			better = l.cur.NewFCmp(enum.FPredOLT, v, b)
		case types.Is(elem, types.Float):
			better = l.cur.NewFCmp(enum.FPredOGT, v, b)
		case which == "min":
			better = l.cur.NewICmp(enum.IPredSLT, v, b)
		default:
			better = l.cur.NewICmp(enum.IPredSGT, v, b)
		}
		l.cur.NewStore(l.cur.NewSelect(better, v, b), best)
	})
	return l.cur.NewLoad(et, best)
}

// iterateIndexed is iterate with the element's index.
func (l *lowerer) iterateIndexed(x value.Value, t *types.Range, body func(i, v value.Value)) {
	start := l.cur.NewExtractValue(x, 0)
	step := l.cur.NewExtractValue(x, 2)
	n := l.rangeLen(start, l.cur.NewExtractValue(x, 1), step)
	l.loop(n, func(i value.Value) {
		j := i
		if i.Type() != start.Type() {
			j = l.cur.NewSExt(i, start.Type())
		}
		body(i, l.cur.NewAdd(start, l.cur.NewMul(j, step)))
	})
}

// mathCall calls a libm function for math.* and numpy.*; the math module
// raises ValueError on domain errors where Python does.
func (l *lowerer) mathCall(e *syntax.Call, ci *types.CallInfo, mod, fn string) value.Value {
	if v, ok := l.arrayMath(e, ci, mod, fn); ok { // array.go: element-wise
		return v
	}
	args := l.args(ci, ci.Callee.Type.(*types.Func))
	if types.MathName(mod, fn) == "log" && len(args) == 2 {
		if len(ci.Args) == 2 && ci.Args[1] != nil {
			// math.log(x, base) is log(x) / log(base), as in CPython.
			num := l.mathCall1(e, mod, "log", args[0])
			den := l.mathCall1(e, mod, "log", args[1])
			return l.floatOp(e, syntax.Div, num, den, false)
		}
		args = args[:1]
	}
	return l.mathValues(e, mod, fn, args)
}

// mathValues computes mod.fn(args...) of floats.
func (l *lowerer) mathValues(e syntax.Node, mod, fn string, args []value.Value) value.Value {
	d := irtypes.Double
	fn = types.MathName(mod, fn)
	x := args[0]
	switch fn {
	case "degrees": // CPython: x * (180 / pi)
		return l.cur.NewFMul(x, constant.NewFloat(d, 180/math.Pi))
	case "radians": // CPython: x * (pi / 180)
		return l.cur.NewFMul(x, constant.NewFloat(d, math.Pi/180))
	}
	return l.mathCall1(e, mod, fn, args...)
}

// mathCall1 calls one libm function, with math's domain checks.
func (l *lowerer) mathCall1(e syntax.Node, mod, fn string, args ...value.Value) value.Value {
	d := irtypes.Double
	x := args[0]
	switch fn {
	case "isnan":
		return l.cur.NewFCmp(enum.FPredUNO, x, x)
	case "isinf":
		ax := l.cur.NewCall(l.external("llvm.fabs.f64", d, false, d), x)
		return l.cur.NewFCmp(enum.FPredOEQ, ax, constant.NewFloat(d, math.Inf(1)))
	case "isfinite":
		ax := l.cur.NewCall(l.external("llvm.fabs.f64", d, false, d), x)
		return l.cur.NewFCmp(enum.FPredOLT, ax, constant.NewFloat(d, math.Inf(1)))
	}
	if mod == "math" {
		var bad value.Value
		zero := constant.NewFloat(d, 0)
		switch fn {
		case "sqrt":
			bad = l.cur.NewFCmp(enum.FPredOLT, x, zero)
		case "log", "log2", "log10":
			bad = l.cur.NewFCmp(enum.FPredOLE, x, zero)
		case "acos", "asin":
			ax := l.cur.NewCall(l.external("llvm.fabs.f64", d, false, d), x)
			bad = l.cur.NewFCmp(enum.FPredOGT, ax, constant.NewFloat(d, 1))
		}
		if bad != nil {
			ok := l.newBlock("math.ok")
			fail := l.newBlock("math.domain")
			l.cur.NewCondBr(bad, fail, ok)
			l.cur = fail
			l.raise(e, "ValueError", "math domain error", nil)
			l.cur = ok
		}
	}
	name := fn
	if fn == "gamma" {
		name = "tgamma"
	}
	params := make([]irtypes.Type, len(args))
	for i := range params {
		params[i] = d
	}
	return l.cur.NewCall(l.external(name, d, false, params...), args...)
}

// absValue is abs(x) of a number of type t.
func (l *lowerer) absValue(x value.Value, t types.Type) value.Value {
	d := irtypes.Double
	if types.Is(t, types.Float) {
		fabs := l.external("llvm.fabs.f64", d, false, d)
		return l.cur.NewCall(fabs, x)
	}
	it := x.Type().(*irtypes.IntType)
	neg := l.cur.NewICmp(enum.IPredSLT, x, constant.NewInt(it, 0))
	return l.cur.NewSelect(neg, l.cur.NewSub(constant.NewInt(it, 0), x), x)
}
