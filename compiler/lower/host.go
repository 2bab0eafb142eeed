package lower

import (
	"github.com/llir/llvm/ir"
	"github.com/llir/llvm/ir/constant"
	"github.com/llir/llvm/ir/enum"
	irtypes "github.com/llir/llvm/ir/types"
	"github.com/llir/llvm/ir/value"

	"github.com/rules-artiq/rules_artiq/compiler/hostobj"
	"github.com/rules-artiq/rules_artiq/compiler/syntax"
	"github.com/rules-artiq/rules_artiq/compiler/types"
)

// Host objects (see types/host.go) are link-time data: object ID is the
// global obj.ID of its class's struct, defined by the link's data object.
// Reads of their attributes are field loads through the object pointer
// (loadField), or constants where the checker folded an invariant. An
// invariant reference that the checker resolved to a known object is the
// object's address.

// hostRef returns the address of the host object that e statically
// refers to, if the checker resolved it.
func (l *lowerer) hostRef(e *syntax.Attribute) (value.Value, bool) {
	id, ok := l.info.Host.Ref(l.b, e)
	if !ok {
		return nil, false
	}
	cl, _ := l.b.TypeOf(e).(*types.Class)
	if cl == nil {
		return nil, false
	}
	return l.hostObject(id, cl), true
}

// hostObject declares (once) the global of a host object.
func (l *lowerer) hostObject(id string, cl *types.Class) *ir.Global {
	name := hostobj.Symbol(id)
	if g, ok := l.globals[name]; ok {
		return g
	}
	g := l.m.NewGlobal(name, l.classType(cl))
	g.Linkage = enum.LinkageExternal
	g.Visibility = enum.VisibilityHidden
	l.globals[name] = g
	return g
}

// hostChecks makes the object reference the check symbols of the host
// layouts and folded values the module depends on (hostobj.LayoutSymbol,
// FoldSymbol), through an internal array kept by @llvm.used: the link
// fails as stale when its snapshot does not define them.
func (l *lowerer) hostChecks() {
	syms := l.info.Host.CheckSymbols()
	if len(syms) == 0 {
		return
	}
	var elems []constant.Constant
	for _, s := range syms {
		g := l.m.NewGlobal(s, irtypes.I8)
		g.Linkage = enum.LinkageExternal
		g.Visibility = enum.VisibilityHidden
		elems = append(elems, g)
	}
	arrType := irtypes.NewArray(uint64(len(elems)), irtypes.I8Ptr)
	checks := l.m.NewGlobalDef("__host_checks."+l.info.Module, constant.NewArray(arrType, elems...))
	checks.Linkage = enum.LinkageInternal
	checks.Immutable = true
	used := l.m.NewGlobalDef("llvm.used", constant.NewArray(irtypes.NewArray(1, irtypes.I8Ptr),
		constant.NewBitCast(checks, irtypes.I8Ptr)))
	used.Linkage = enum.LinkageAppending
	used.Section = "llvm.metadata"
}
