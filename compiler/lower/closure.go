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

// Function values are {code, environment} pairs of i8*. The code takes the
// environment first; the environment of a closure is a heap struct of
// pointers to the cells of the variables it captured.

var closureType = irtypes.NewStruct(irtypes.I8Ptr, irtypes.I8Ptr)

// slot returns the storage of a local: a stack slot, or a heap cell when a
// closure captures it.
func (l *lowerer) slot(obj *types.Object) value.Value {
	t := l.irType(obj.Type)
	if !obj.Captured {
		return l.entry.NewAlloca(t)
	}
	alloc := l.external("__kernel_alloc", irtypes.I8Ptr, false, irtypes.I32)
	raw := l.cur.NewCall(alloc, sizeOf(t))
	return l.cur.NewBitCast(raw, irtypes.NewPointer(t))
}

func (l *lowerer) envType(fn *types.Function) *irtypes.StructType {
	var fields []irtypes.Type
	for _, o := range fn.Free {
		fields = append(fields, irtypes.NewPointer(l.irType(o.Type)))
	}
	if len(fields) == 0 {
		fields = []irtypes.Type{irtypes.I8}
	}
	return irtypes.NewStruct(fields...)
}

// bindEnvironment makes a closure's captured variables point at the cells
// its environment holds.
func (l *lowerer) bindEnvironment(fn *types.Function, env value.Value) {
	if len(fn.Free) == 0 {
		return
	}
	et := l.envType(fn)
	p := l.cur.NewBitCast(env, irtypes.NewPointer(et))
	for i, o := range fn.Free {
		field := l.cur.NewGetElementPtr(et, p, ci32(0), ci32(int64(i)))
		l.vars[o] = l.cur.NewLoad(irtypes.NewPointer(l.irType(o.Type)), field)
	}
}

// closure builds the function value of a nested function or lambda.
func (l *lowerer) closure(fn *types.Function) value.Value {
	f := l.declareFunc(fn)
	var env value.Value = constant.NewNull(irtypes.I8Ptr)
	if len(fn.Free) > 0 {
		et := l.envType(fn)
		alloc := l.external("__kernel_alloc", irtypes.I8Ptr, false, irtypes.I32)
		raw := l.callOrInvoke(alloc, sizeOf(et))
		p := l.cur.NewBitCast(raw, irtypes.NewPointer(et))
		for i, o := range fn.Free {
			l.cur.NewStore(l.vars[o], l.cur.NewGetElementPtr(et, p, ci32(0), ci32(int64(i))))
		}
		env = raw
	}
	var v value.Value = constant.NewUndef(closureType)
	v = l.cur.NewInsertValue(v, l.cur.NewBitCast(f, irtypes.I8Ptr), 0)
	return l.cur.NewInsertValue(v, env, 1)
}

// functionValue is a module function used as a value: a trampoline with
// the closure convention calls it.
func (l *lowerer) functionValue(fn *types.Function) value.Value {
	sym := fn.Symbol + "$value"
	tr, ok := l.funcs[sym]
	if !ok {
		var target *ir.Func
		if fn.Imported {
			ret, params := l.sigType(fn.Sig)
			var pts []irtypes.Type
			for _, p := range params {
				pts = append(pts, p.Typ)
			}
			target = l.external(fn.Symbol, ret, false, pts...)
			target.Visibility = enum.VisibilityHidden
		} else {
			target = l.declareFunc(fn)
		}
		ret, params := l.sigType(fn.Sig)
		tr = l.m.NewFunc(sym, ret, append([]*ir.Param{ir.NewParam("env", irtypes.I8Ptr)}, params...)...)
		tr.Linkage = enum.LinkageInternal
		b := tr.NewBlock("entry")
		var args []value.Value
		for _, p := range tr.Params[1:] {
			args = append(args, p)
		}
		r := b.NewCall(target, args...)
		if ret == irtypes.Void {
			b.NewRet(nil)
		} else {
			b.NewRet(r)
		}
		l.funcs[sym] = tr
	}
	var v value.Value = constant.NewUndef(closureType)
	v = l.cur.NewInsertValue(v, l.cur.NewBitCast(tr, irtypes.I8Ptr), 0)
	return l.cur.NewInsertValue(v, constant.NewNull(irtypes.I8Ptr), 1)
}

// callValue calls through a function value.
func (l *lowerer) callValue(e *syntax.Call, ci *types.CallInfo) value.Value {
	ft := l.b.TypeOf(e.Fun).(*types.Func)
	fv := l.expr(e.Fun)
	ret, params := l.sigType(ft)
	pts := []irtypes.Type{irtypes.I8Ptr}
	for _, p := range params {
		pts = append(pts, p.Typ)
	}
	sig := irtypes.NewFunc(ret, pts...)
	code := l.cur.NewBitCast(l.cur.NewExtractValue(fv, 0), irtypes.NewPointer(sig))
	args := append([]value.Value{l.cur.NewExtractValue(fv, 1)}, l.bindArgs(ci, ft.Params)...)
	return l.callOrInvoke(code, args...)
}
