// Package lower turns a checked kernel module into LLVM IR, built with
// github.com/llir/llvm. One file per concern: this one holds the module and
// functions; stmt.go statements; expr.go expressions; call.go calls and
// builtins; print.go printing; raise.go exceptions; time.go the RTIO clock.
//
// Every name the IR defines is derived from content (module path,
// qualified name, string contents), never from counters or map order, so
// the same source gives the same IR on every machine.
package lower

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/llir/llvm/ir"
	"github.com/llir/llvm/ir/constant"
	"github.com/llir/llvm/ir/enum"
	irtypes "github.com/llir/llvm/ir/types"
	"github.com/llir/llvm/ir/value"

	"github.com/rules-artiq/rules_artiq/compiler/syntax"
	"github.com/rules-artiq/rules_artiq/compiler/target"
	"github.com/rules-artiq/rules_artiq/compiler/types"
)

// RefPeriod is the duration of one machine unit in seconds (1 ns) unless a
// core device says otherwise.
const RefPeriod = 1e-9

// Module lowers a checked module to LLVM IR.
func Module(info *types.Info, t *target.Target) (*ir.Module, error) {
	l := &lowerer{
		info:    info,
		target:  t,
		m:       ir.NewModule(),
		funcs:   map[string]*ir.Func{},
		globals: map[string]*ir.Global{},
		strs:    map[string]*ir.Global{},
		classes: map[*types.Class]*irtypes.StructType{},
	}
	l.m.SourceFilename = info.File
	l.m.DataLayout = t.DataLayout
	l.m.TargetTriple = t.Triple
	l.strType = irtypes.NewStruct(irtypes.I8Ptr, irtypes.I32)
	l.exnType = irtypes.NewStruct(
		irtypes.I32,                      // id
		l.strType,                        // file
		irtypes.I32,                      // line
		irtypes.I32,                      // column
		l.strType,                        // function
		l.strType,                        // message
		irtypes.NewArray(3, irtypes.I64), // params
	)
	for _, g := range info.Globals {
		if types.Is(g.Type, types.NoneKind) {
			continue // a variable that only ever holds None needs no storage
		}
		init := zero(l.irType(g.Type))
		if g.Init != nil {
			init = l.constInit(g.Init, g.Type)
		}
		gl := l.m.NewGlobalDef(g.Symbol, init)
		gl.Linkage = enum.LinkageInternal
		l.globals[g.Symbol] = gl
	}
	for _, fn := range info.Funcs {
		l.declareFunc(fn)
	}
	for _, fn := range info.Funcs {
		if err := l.defineFunc(fn); err != nil {
			return nil, err
		}
	}
	l.hostChecks() // host.go
	return l.m, nil
}

type lowerer struct {
	info    *types.Info
	target  *target.Target
	m       *ir.Module
	funcs   map[string]*ir.Func   // by symbol
	globals map[string]*ir.Global // by symbol
	strs    map[string]*ir.Global // string constants by content
	classes map[*types.Class]*irtypes.StructType
	strType *irtypes.StructType
	exnType *irtypes.StructType

	// per function
	b     *types.Body
	fn    *types.Function
	f     *ir.Func
	entry *ir.Block
	cur   *ir.Block
	vars  map[*types.Object]value.Value // alloca of each local
	// assignedFlags are the i1 slots that say whether a local that may be
	// read unassigned (Body.MaybeUnbound) has been assigned yet.
	assignedFlags map[*types.Object]value.Value
	loops         []loop
	nblock        int
	unwind        []*ir.Block // landing pads of the enclosing try regions
	pads          map[*ir.Block]padInfo
	cleanups      []cleanup     // finally bodies and except blocks being left
	handling      []value.Value // exceptions of the enclosing except blocks
}

type loop struct {
	brk, cont *ir.Block
}

// irType maps a kernel type to its LLVM type.
func (l *lowerer) irType(t types.Type) irtypes.Type {
	switch t := types.Resolve(t).(type) {
	case *types.Basic:
		switch t.Kind {
		case types.Int32:
			return irtypes.I32
		case types.Int64:
			return irtypes.I64
		case types.Float:
			return irtypes.Double
		case types.Bool:
			return irtypes.I1
		case types.NoneKind:
			return irtypes.Void
		case types.Str, types.Bytes, types.ByteArray:
			return l.strType
		case types.ExceptionKind:
			return irtypes.I8Ptr
		}
	case *types.List:
		return l.listType(l.memType(t.Elem))
	case *types.Tuple:
		var fields []irtypes.Type
		for _, e := range t.Elems {
			fields = append(fields, l.memType(e))
		}
		return irtypes.NewStruct(fields...)
	case *types.Range:
		et := l.memType(t.Elem)
		return irtypes.NewStruct(et, et, et)
	case *types.Array:
		return l.arrayStruct(t) // array.go
	case *types.Class:
		return irtypes.NewPointer(l.classType(t))
	case *types.Func:
		return closureType
	}
	panic(fmt.Sprintf("lower: no LLVM type for %v", t))
}

// noneType holds None inside aggregates and memory: it has no bits.
var noneType = irtypes.NewStruct()

// memType is the type of a value stored in memory or in an aggregate,
// where None needs a (zero-sized) type of its own.
func (l *lowerer) memType(t types.Type) irtypes.Type {
	if types.Is(t, types.NoneKind) {
		return noneType
	}
	return l.irType(t)
}

// memValue is v as stored in memory or an aggregate.
func memValue(v value.Value) value.Value {
	if v == nil || v.Type().Equal(irtypes.Void) {
		return constant.NewZeroInitializer(noneType)
	}
	return v
}

func zero(t irtypes.Type) constant.Constant {
	switch t := t.(type) {
	case *irtypes.IntType:
		return constant.NewInt(t, 0)
	case *irtypes.FloatType:
		return constant.NewFloat(t, 0)
	case *irtypes.StructType:
		return constant.NewZeroInitializer(t)
	}
	return constant.NewZeroInitializer(t)
}

// sigType is the LLVM signature of a function type. Parameters of type
// None carry nothing and are left out (LLVM has no void parameters).
func (l *lowerer) sigType(sig *types.Func) (irtypes.Type, []*ir.Param) {
	var params []*ir.Param
	for _, p := range sig.Params {
		if types.Is(p.Type, types.NoneKind) {
			continue
		}
		params = append(params, ir.NewParam(p.Name, l.irType(p.Type)))
	}
	return l.irType(sig.Result), params
}

func (l *lowerer) declareFunc(fn *types.Function) *ir.Func {
	if f, ok := l.funcs[fn.Symbol]; ok {
		return f
	}
	ret, params := l.sigType(fn.Sig)
	if fn.Outer != nil {
		// Closures take their environment first.
		params = append([]*ir.Param{ir.NewParam("env", irtypes.I8Ptr)}, params...)
	}
	f := l.m.NewFunc(fn.Symbol, ret, params...)
	switch {
	case fn.Private:
		f.Linkage = enum.LinkageInternal
	default:
		// Kernel functions resolve between archives at link time but never
		// reach the device ELF's dynamic symbol table.
		f.Visibility = enum.VisibilityHidden
	}
	l.funcs[fn.Symbol] = f
	return f
}

// external declares (once) a function defined outside this module: a
// firmware export or another module's kernel function.
func (l *lowerer) external(name string, ret irtypes.Type, variadic bool, params ...irtypes.Type) *ir.Func {
	if f, ok := l.funcs[name]; ok {
		return f
	}
	var ps []*ir.Param
	for _, p := range params {
		ps = append(ps, ir.NewParam("", p))
	}
	f := l.m.NewFunc(name, ret, ps...)
	f.Sig.Variadic = variadic
	l.funcs[name] = f
	return f
}

func (l *lowerer) defineFunc(fn *types.Function) error {
	l.fn = fn
	l.b = fn.Body
	l.f = l.funcs[fn.Symbol]
	l.vars = map[*types.Object]value.Value{}
	l.assignedFlags = map[*types.Object]value.Value{}
	l.loops = nil
	l.nblock = 0
	l.unwind, l.cleanups, l.handling = nil, nil, nil
	l.pads = map[*ir.Block]padInfo{}
	l.entry = l.f.NewBlock("entry")
	l.cur = l.entry
	k := 0
	if fn.Outer != nil {
		l.bindEnvironment(fn, l.f.Params[0])
		k = 1
	}
	for _, p := range fn.Params {
		if types.Is(p.Type, types.NoneKind) {
			continue
		}
		slot := l.slot(p)
		l.cur.NewStore(l.f.Params[k], slot)
		l.vars[p] = slot
		k++
	}
	for _, v := range fn.Locals {
		if types.Is(v.Type, types.NoneKind) {
			continue
		}
		slot := l.slot(v)
		l.cur.NewStore(zero(l.irType(v.Type)), slot)
		l.vars[v] = slot
	}
	// Flags for the locals that may be read unassigned (in source order
	// of the variables, for deterministic output). A captured variable is
	// assigned by closures too, so it is not checked.
	for _, v := range fn.Locals {
		if types.Is(v.Type, types.NoneKind) || v.Captured || !l.maybeUnbound(v) {
			continue
		}
		flag := l.entry.NewAlloca(irtypes.I1)
		l.cur.NewStore(constant.False, flag)
		l.assignedFlags[v] = flag
	}
	body := l.newBlock("body")
	l.cur.NewBr(body)
	l.cur = body
	l.stmts(fn.Stmts)
	// Falling off the end returns None; any other open block is dead.
	for _, b := range l.f.Blocks {
		if b.Term != nil {
			continue
		}
		if types.Is(fn.Sig.Result, types.NoneKind) {
			b.NewRet(nil)
		} else {
			b.NewUnreachable()
		}
	}
	return nil
}

// newBlock appends a block with a readable name; names only need to be
// unique within the function, so a per-function counter is deterministic.
func (l *lowerer) newBlock(hint string) *ir.Block {
	l.nblock++
	return l.f.NewBlock(fmt.Sprintf("%s.%d", hint, l.nblock))
}

// terminated reports whether the current block already ends (after a
// return, break or raise); code after it is unreachable and goes to a
// fresh block that nothing branches to.
func (l *lowerer) startDeadIfTerminated() {
	if l.cur.Term != nil {
		l.cur = l.newBlock("dead")
	}
}

// str returns a constant {i8*, i32} for s, backed by a private global named
// after the hash of its contents.
func (l *lowerer) str(s string) constant.Constant {
	g, ok := l.strs[s]
	if !ok {
		sum := sha256.Sum256([]byte(s))
		arr := constant.NewCharArrayFromString(s + "\x00")
		g = l.m.NewGlobalDef(".str."+hex.EncodeToString(sum[:8]), arr)
		g.Linkage = enum.LinkagePrivate
		g.UnnamedAddr = enum.UnnamedAddrUnnamedAddr
		g.Immutable = true
		l.strs[s] = g
	}
	ptr := constant.NewGetElementPtr(g.ContentType, g, constant.NewInt(irtypes.I32, 0), constant.NewInt(irtypes.I32, 0))
	return constant.NewStruct(l.strType, ptr, constant.NewInt(irtypes.I32, int64(len(s))))
}

// cstr returns a constant i8* to a NUL-terminated copy of s.
func (l *lowerer) cstr(s string) constant.Constant {
	return l.str(s).(*constant.Struct).Fields[0]
}

// pos gives the source position of n for exception reports.
func pos(n syntax.Node) syntax.Pos { return n.Pos() }

func (l *lowerer) maybeUnbound(obj *types.Object) bool {
	for _, o := range l.b.MaybeUnbound {
		if o == obj {
			return true
		}
	}
	return false
}

// markAssigned records that local obj now holds a value.
func (l *lowerer) markAssigned(obj *types.Object) {
	if flag, ok := l.assignedFlags[obj]; ok {
		l.cur.NewStore(constant.True, flag)
	}
}

// checkAssigned raises UnboundLocalError, as CPython does, when the read
// n of a local finds nothing assigned yet.
func (l *lowerer) checkAssigned(n *syntax.Name, obj *types.Object) {
	flag, ok := l.assignedFlags[obj]
	if !ok {
		return
	}
	okB := l.newBlock("bound")
	fail := l.newBlock("unbound")
	l.cur.NewCondBr(l.cur.NewLoad(irtypes.I1, flag), okB, fail)
	l.cur = fail
	l.raise(n, "UnboundLocalError", "cannot access local variable '"+obj.Name+"' where it is not associated with a value", nil)
	l.cur = okB
}
