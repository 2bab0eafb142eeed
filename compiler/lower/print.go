package lower

import (
	"strings"

	"github.com/llir/llvm/ir/constant"
	irtypes "github.com/llir/llvm/ir/types"
	"github.com/llir/llvm/ir/value"

	"github.com/rules-artiq/rules_artiq/compiler/syntax"
	"github.com/rules-artiq/rules_artiq/compiler/types"
)

// FloatReprSymbol is the kernel support library's function that writes
// Python's repr() of a double: i32 (double, i8* buf[32]) returning the length.
const FloatReprSymbol = "__kernel_float_repr"

// print lowers print(...) to one core_log call whose format string is
// built at compile time, with CPython's formatting for each type.
func (l *lowerer) print(e *syntax.Call) {
	sep, end := " ", "\n"
	for _, k := range e.Keywords {
		lit := k.Value.(*syntax.StrLit)
		if k.Name == "sep" {
			sep = lit.Value
		} else {
			end = lit.Value
		}
	}
	var format strings.Builder
	var args []value.Value
	text := func(s string) { format.WriteString(strings.ReplaceAll(s, "%", "%%")) }
	for i, a := range e.Args {
		if i > 0 {
			text(sep)
		}
		if lit, ok := a.(*syntax.StrLit); ok {
			text(lit.Value)
			continue
		}
		v := l.expr(a)
		t := l.info.TypeOf(a)
		switch {
		case types.Is(t, types.Int32):
			format.WriteString("%d")
			args = append(args, v)
		case types.Is(t, types.Int64):
			format.WriteString("%lld")
			args = append(args, v)
		case types.Is(t, types.Bool):
			format.WriteString("%s")
			args = append(args, l.cur.NewSelect(v, l.cstr("True"), l.cstr("False")))
		case types.Is(t, types.NoneKind):
			text("None")
		case types.Is(t, types.Str):
			format.WriteString("%.*s")
			args = append(args, l.cur.NewExtractValue(v, 1), l.cur.NewExtractValue(v, 0))
		case types.Is(t, types.ExceptionKind):
			msg := l.exceptionMessage(v)
			format.WriteString("%.*s")
			args = append(args, l.cur.NewExtractValue(msg, 1), l.cur.NewExtractValue(msg, 0))
		case types.Is(t, types.Float):
			buf := l.entry.NewAlloca(irtypes.NewArray(32, irtypes.I8))
			ptr := l.cur.NewBitCast(buf, irtypes.I8Ptr)
			repr := l.external(FloatReprSymbol, irtypes.I32, false, irtypes.Double, irtypes.I8Ptr)
			n := l.cur.NewCall(repr, v, ptr)
			format.WriteString("%.*s")
			args = append(args, n, ptr)
		}
	}
	text(end)
	coreLog := l.external("core_log", irtypes.Void, true, irtypes.I8Ptr)
	l.cur.NewCall(coreLog, append([]value.Value{l.cstr(format.String())}, args...)...)
}

var _ constant.Constant
