package lower

import (
	"github.com/llir/llvm/ir/constant"
	"github.com/llir/llvm/ir/enum"
	irtypes "github.com/llir/llvm/ir/types"
	"github.com/llir/llvm/ir/value"

	"github.com/rules-artiq/rules_artiq/compiler/syntax"
	"github.com/rules-artiq/rules_artiq/compiler/types"
)

// Instances are pointers to a named struct of their fields in the kernel
// heap; the struct is named after the class so that classes can refer to
// themselves.
func (l *lowerer) classType(cl *types.Class) *irtypes.StructType {
	if st, ok := l.classes[cl]; ok {
		return st
	}
	st := irtypes.NewStruct()
	st.SetName("class." + cl.Symbol())
	l.classes[cl] = st
	l.m.TypeDefs = append(l.m.TypeDefs, st)
	for _, f := range cl.Fields {
		ft := l.irType(f.Type)
		if ft == irtypes.Void {
			ft = irtypes.I8 // a field that only ever holds None
		}
		st.Fields = append(st.Fields, ft)
	}
	if len(st.Fields) == 0 {
		st.Fields = []irtypes.Type{irtypes.I8}
	}
	return st
}

func (l *lowerer) fieldPtr(obj value.Value, ref *types.FieldRef) value.Value {
	st := l.classType(ref.Class)
	return l.cur.NewGetElementPtr(st, obj, ci32(0), ci32(int64(ref.Index)))
}

func (l *lowerer) loadField(e *syntax.Attribute) value.Value {
	ref := l.b.Fields[e]
	obj := l.expr(e.X)
	ft := ref.Class.Fields[ref.Index].Type
	if types.Is(ft, types.NoneKind) {
		return nil
	}
	// A host int32 read where an int64 is needed widens (types.hostAttr).
	return l.convert(l.cur.NewLoad(l.irType(ft), l.fieldPtr(obj, ref)), ft, l.b.TypeOf(e))
}

func (l *lowerer) storeField(t *syntax.Attribute, v value.Value, vt types.Type) {
	ref := l.b.Fields[t]
	ft := ref.Class.Fields[ref.Index].Type
	obj := l.expr(t.X)
	if types.Is(ft, types.NoneKind) {
		return
	}
	l.cur.NewStore(l.convert(v, vt, ft), l.fieldPtr(obj, ref))
}

// newInstance allocates an instance and runs its __init__.
func (l *lowerer) newInstance(e *syntax.Call, ci *types.CallInfo) value.Value {
	obj := l.allocInstance(ci.New)
	if ci.New.Exception != "" {
		// The message of an exception is its constructor's argument when
		// that is one string (CPython's str(e) of args); the base class's
		// __init__ may set it again.
		oneStr := len(e.Args) == 1 && len(e.Keywords) == 0 && types.Is(l.b.TypeOf(e.Args[0]), types.Str)
		if ci.Callee == nil {
			var msg value.Value = l.str("")
			if oneStr {
				msg = l.expr(e.Args[0])
			}
			l.cur.NewStore(msg, l.messageField(obj, ci.New))
			return obj
		}
		fn := ci.Callee.Func
		args := l.bindArgs(ci, fn.Sig.Params[1:])
		if oneStr && len(args) > 0 && ci.Args[0] == e.Args[0] {
			l.cur.NewStore(args[0], l.messageField(obj, ci.New))
		}
		l.callOrInvoke(l.declareFunc(fn), append([]value.Value{obj}, args...)...)
		return obj
	}
	if ci.Callee != nil {
		l.callMethod(ci, obj)
	}
	return obj
}

// allocInstance allocates a zeroed instance of cl in the kernel heap.
func (l *lowerer) allocInstance(cl *types.Class) value.Value {
	st := l.classType(cl)
	alloc := l.external("__kernel_alloc", irtypes.I8Ptr, false, irtypes.I32)
	raw := l.callOrInvoke(alloc, sizeOf(st))
	obj := l.cur.NewBitCast(raw, irtypes.NewPointer(st))
	// Instance attributes that shadow class attributes start with the
	// class's value.
	for i, f := range cl.Fields {
		k := cl.ClassAttr(f.Name)
		if k == nil || types.Is(f.Type, types.NoneKind) {
			continue
		}
		var v value.Value
		if k.Kind == types.ObjGlobal {
			v = l.name(k)
		} else {
			v = l.constant(k.Const)
		}
		v = l.convert(v, k.Type, f.Type)
		l.cur.NewStore(v, l.fieldPtr(obj, &types.FieldRef{Class: cl, Index: i}))
	}
	return obj
}

// messageField points at the message of an instance of a user exception
// class.
func (l *lowerer) messageField(obj value.Value, cl *types.Class) value.Value {
	return l.fieldPtr(obj, &types.FieldRef{Class: cl, Index: cl.FieldIndex(types.MessageField)})
}

// callMethod calls a method with self and the bound arguments.
func (l *lowerer) callMethod(ci *types.CallInfo, self value.Value) value.Value {
	fn := ci.Callee.Func
	f := l.declareFunc(fn)
	args := append([]value.Value{self}, l.bindArgs(ci, fn.Sig.Params[1:])...)
	return l.callOrInvoke(f, args...)
}

// userExceptions returns the user exception classes a clause for the
// named class catches: the class and every class derived from it.
func (l *lowerer) userExceptions(symbol string) []*types.Class {
	var out []*types.Class
	for _, cl := range l.info.Classes {
		for k := cl; k != nil; k = k.Base {
			if k.Symbol() == symbol {
				out = append(out, cl)
				break
			}
		}
	}
	return out
}

func (l *lowerer) userClass(symbol string) *types.Class {
	for _, cl := range l.info.Classes {
		if cl.Symbol() == symbol {
			return cl
		}
	}
	return nil
}

func (l *lowerer) withObject(s *syntax.With, wi *types.WithInfo) {
	ctx := l.expr(s.Items[0].Context)
	l.cur.NewStore(ctx, l.vars[wi.Ctx])
	v := l.expr(wi.Enter)
	if t := s.Items[0].Target; t != nil {
		l.storeTarget(t, v, l.b.TypeOf(wi.Enter))
	}
	l.tryStmt(wi.Try)
}

var _ = constant.NewNull
var _ = enum.LinkageInternal
