package lower

import (
	"strings"

	"github.com/llir/llvm/ir/constant"
	"github.com/llir/llvm/ir/enum"
	irtypes "github.com/llir/llvm/ir/types"
	"github.com/llir/llvm/ir/value"

	"github.com/rules-artiq/rules_artiq/compiler/syntax"
	"github.com/rules-artiq/rules_artiq/compiler/types"
)

// FloatReprSymbol is the kernel support library's function that writes
// Python's repr() of a double: i32 (double, i8* buf[32]) returning the length.
const FloatReprSymbol = "__kernel_float_repr"

// StrReprSymbol prints Python's repr() of a string through core_log.
const StrReprSymbol = "__kernel_print_str_repr"

// printer builds core_log calls: text and simple values accumulate into one
// format string; containers flush it and print their parts in loops.
type printer struct {
	l      *lowerer
	format strings.Builder
	args   []value.Value
	// toString sends the text to the string builder of the support
	// library (str() and repr()) instead of core_log.
	toString bool
}

// sink is the printf-like function the text goes to.
func (p *printer) sink() value.Value {
	name := "core_log"
	if p.toString {
		name = "__kernel_sb_log"
	}
	return p.l.external(name, irtypes.Void, true, irtypes.I8Ptr)
}

func (p *printer) text(s string) { p.format.WriteString(strings.ReplaceAll(s, "%", "%%")) }

func (p *printer) flush() {
	if p.format.Len() == 0 {
		return
	}
	l := p.l
	l.cur.NewCall(p.sink(), append([]value.Value{l.cstr(p.format.String())}, p.args...)...)
	p.format.Reset()
	p.args = nil
}

// value prints v of type t; repr selects Python's repr() (strings quoted),
// which is what containers show of their elements.
func (p *printer) value(v value.Value, t types.Type, repr bool) {
	l := p.l
	switch t := t.(type) {
	case *types.Array:
		p.array(v, t, repr) // array.go
		return
	case *types.List:
		et := l.memType(t.Elem)
		p.text("[")
		p.flush()
		ptr := l.listPtr(v)
		l.loop(l.listLen(v), func(i value.Value) {
			first := l.cur.NewICmp(enum.IPredEQ, i, ci32(0))
			p.format.WriteString("%s")
			p.args = append(p.args, l.cur.NewSelect(first, l.cstr(""), l.cstr(", ")))
			p.value(l.cur.NewLoad(et, l.elemPtr(et, ptr, i)), t.Elem, true)
			p.flush()
		})
		p.text("]")
		return
	case *types.Tuple:
		p.text("(")
		for i, et := range t.Elems {
			if i > 0 {
				p.text(", ")
			}
			p.value(l.cur.NewExtractValue(v, uint64(i)), et, true)
		}
		if len(t.Elems) == 1 {
			p.text(",")
		}
		p.text(")")
		return
	case *types.Class:
		// Only exceptions print (their message), as str(e) does.
		msg := l.cur.NewLoad(l.strType, l.messageField(v, t))
		p.format.WriteString("%.*s")
		p.args = append(p.args, l.cur.NewExtractValue(msg, 1), l.cur.NewExtractValue(msg, 0))
		return
	case *types.Range:
		step := l.cur.NewExtractValue(v, 2)
		one := constant.NewInt(step.Type().(*irtypes.IntType), 1)
		conv := "%d"
		if types.Is(t.Elem, types.Int64) {
			conv = "%lld"
		}
		p.format.WriteString("range(" + conv + ", " + conv + "%s")
		isOne := l.cur.NewICmp(enum.IPredEQ, step, one)
		p.args = append(p.args, l.cur.NewExtractValue(v, 0), l.cur.NewExtractValue(v, 1),
			l.cur.NewSelect(isOne, l.cstr(""), l.cstr(", ")))
		p.flush()
		// The step is printed only when it is not 1.
		fmtStep := l.cur.NewSelect(isOne, l.cstr(")"), l.cstr(conv+")"))
		l.cur.NewCall(p.sink(), fmtStep, step)
		return
	}
	switch {
	case types.IsBytesLike(t):
		p.bytes(v, t) // bytes.go
	case types.Is(t, types.Int32):
		p.format.WriteString("%d")
		p.args = append(p.args, v)
	case types.Is(t, types.Int64):
		p.format.WriteString("%lld")
		p.args = append(p.args, v)
	case types.Is(t, types.Bool):
		p.format.WriteString("%s")
		p.args = append(p.args, l.cur.NewSelect(v, l.cstr("True"), l.cstr("False")))
	case types.Is(t, types.NoneKind):
		p.text("None")
	case types.Is(t, types.Str):
		if repr {
			p.flush()
			sym := StrReprSymbol
			if p.toString {
				sym = "__kernel_sb_str_repr"
			}
			f := l.external(sym, irtypes.Void, false, irtypes.I8Ptr, irtypes.I32)
			l.cur.NewCall(f, l.cur.NewExtractValue(v, 0), l.cur.NewExtractValue(v, 1))
			return
		}
		p.format.WriteString("%.*s")
		p.args = append(p.args, l.cur.NewExtractValue(v, 1), l.cur.NewExtractValue(v, 0))
	case types.Is(t, types.ExceptionKind):
		msg := l.exceptionMessage(v)
		p.format.WriteString("%.*s")
		p.args = append(p.args, l.cur.NewExtractValue(msg, 1), l.cur.NewExtractValue(msg, 0))
	case types.Is(t, types.Float):
		buf := l.entry.NewAlloca(irtypes.NewArray(32, irtypes.I8))
		ptr := l.cur.NewBitCast(buf, irtypes.I8Ptr)
		repr := l.external(FloatReprSymbol, irtypes.I32, false, irtypes.Double, irtypes.I8Ptr)
		n := l.cur.NewCall(repr, v, ptr)
		p.format.WriteString("%.*s")
		p.args = append(p.args, n, ptr)
	}
}

// print lowers print(...) with CPython's formatting for each type.
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
	// All arguments are evaluated before anything is printed, as in
	// Python: one that raises prints nothing, and a later argument may
	// change a list that an earlier one is.
	vals := make([]value.Value, len(e.Args))
	for i, a := range e.Args {
		if _, ok := a.(*syntax.StrLit); !ok {
			vals[i] = l.expr(a)
		}
	}
	p := &printer{l: l}
	for i, a := range e.Args {
		if i > 0 {
			p.text(sep)
		}
		if lit, ok := a.(*syntax.StrLit); ok {
			p.text(lit.Value)
			continue
		}
		p.value(vals[i], l.b.TypeOf(a), false)
	}
	p.text(end)
	p.flush()
}

// toStr lowers str(x) and repr(x) (repr quotes strings, also at the top):
// the text print() would write, built in the kernel heap.
func (l *lowerer) toStr(v value.Value, t types.Type, repr bool) value.Value {
	if types.Is(t, types.Str) && !repr {
		return v
	}
	begin := l.external("__kernel_sb_begin", irtypes.Void, false)
	l.cur.NewCall(begin)
	p := &printer{l: l, toString: true}
	p.value(v, t, repr)
	p.flush()
	end := l.external("__kernel_sb_end", irtypes.I8Ptr, false, irtypes.NewPointer(irtypes.I32))
	n := l.entry.NewAlloca(irtypes.I32)
	ptr := l.cur.NewCall(end, n)
	return l.makeStr(ptr, l.cur.NewLoad(irtypes.I32, n))
}
