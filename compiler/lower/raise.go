package lower

import (
	"github.com/llir/llvm/ir/constant"
	"github.com/llir/llvm/ir/enum"
	irtypes "github.com/llir/llvm/ir/types"
	"github.com/llir/llvm/ir/value"

	"github.com/rules-artiq/rules_artiq/compiler/syntax"
)

// BuiltinExceptions are the exception names whose ids the firmware fixes,
// in id order (ARTIQ's embedding map). Ids of other exceptions are derived
// from their names at link time.
var BuiltinExceptions = []string{
	"RuntimeError", // ARTIQ's own, id 0
	"RTIOUnderflow",
	"RTIOOverflow",
	"RTIODestinationUnreachable",
	"DMAError",
	"I2CError",
	"CacheError",
	"SPIError",
	"SubkernelError",
	"AssertionError",
	"AttributeError",
	"IndexError",
	"IOError",
	"KeyError",
	"NotImplementedError",
	"OverflowError",
	"RuntimeError",
	"TimeoutError",
	"TypeError",
	"ValueError",
	"ZeroDivisionError",
	"LinAlgError",
	"UnwrapNoneError",
}

// ExceptionID returns the firmware id of a built-in exception. Python's
// RuntimeError is id 16; id 0 is ARTIQ's internal one.
func ExceptionID(name string) (int, bool) {
	for i := len(BuiltinExceptions) - 1; i >= 0; i-- {
		if BuiltinExceptions[i] == name {
			return i, true
		}
	}
	return 0, false
}

// raise emits code that raises the named built-in exception at node n and
// terminates the current block. The exception object lives on the stack:
// the ARTIQ ABI copies it when it is raised.
func (l *lowerer) raise(n syntax.Node, name, msg string, params []value.Value) {
	l.raiseValue(n, name, l.str(msg), params...)
}

// raiseValue raises the named built-in exception with a message computed
// at run time (a {ptr, len} string, or nil for none).
func (l *lowerer) raiseValue(n syntax.Node, name string, msg value.Value, params ...value.Value) {
	if msg == nil {
		msg = l.str("")
	}
	id := l.exceptionID(name)
	p := n.Pos()
	if b, ok := n.(*syntax.Binary); ok && b.OpPos.IsKnown() {
		p = b.OpPos // point at the operator that raised, not the operand
	}
	exn := l.entry.NewAlloca(l.exnType)
	field := func(i int64) value.Value {
		return l.cur.NewGetElementPtr(l.exnType, exn, constant.NewInt(irtypes.I32, 0), constant.NewInt(irtypes.I32, i))
	}
	l.cur.NewStore(constant.NewInt(irtypes.I32, int64(id)), field(0))
	l.cur.NewStore(l.str(l.info.File), field(1))
	l.cur.NewStore(constant.NewInt(irtypes.I32, int64(p.Line)), field(2))
	l.cur.NewStore(constant.NewInt(irtypes.I32, int64(p.Col)), field(3))
	l.cur.NewStore(l.str(l.fn.Symbol), field(4))
	l.cur.NewStore(msg, field(5))
	arr := field(6)
	for i := int64(0); i < 3; i++ {
		var v value.Value = constant.NewInt(irtypes.I64, 0)
		if int(i) < len(params) {
			v = params[i]
		}
		slot := l.cur.NewGetElementPtr(irtypes.NewArray(3, irtypes.I64), arr, constant.NewInt(irtypes.I32, 0), constant.NewInt(irtypes.I32, i))
		l.cur.NewStore(v, slot)
	}
	raise := l.external("__artiq_raise", irtypes.Void, false, irtypes.NewPointer(l.exnType))
	if len(raise.FuncAttrs) == 0 {
		raise.FuncAttrs = append(raise.FuncAttrs, enum.FuncAttrNoReturn)
	}
	l.callOrInvoke(raise, exn)
	l.cur.NewUnreachable()
}
