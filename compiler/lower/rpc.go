package lower

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/llir/llvm/ir"
	"github.com/llir/llvm/ir/constant"
	"github.com/llir/llvm/ir/enum"
	irtypes "github.com/llir/llvm/ir/types"
	"github.com/llir/llvm/ir/value"

	"github.com/rules-artiq/rules_artiq/compiler/syntax"
	"github.com/rules-artiq/rules_artiq/compiler/types"
)

// RPCs (see types.RPCInfo) use the firmware's interface:
//
//	void rpc_send(i32 service, {i8*, i32}* tag, i8** args)   (or rpc_send_async)
//	i32  rpc_recv(i8* slot)
//
// The service number is loaded from the hidden global named by
// RPCInfo.Symbol, which the linker defines. args holds one pointer per
// argument to a stack slot with its value; a keyword argument's slot holds
// {str name, T value}. A sync call then receives the result: rpc_recv(slot)
// returns 0 when the value is in the slot, or n > 0 to ask for n bytes
// (for strings and list elements), which the kernel allocates in its heap
// and passes to the next rpc_recv. A host exception is raised by rpc_recv.
func (l *lowerer) rpcCall(e *syntax.Call, ci *types.CallInfo) value.Value {
	ri := ci.RPC
	var tag strings.Builder
	var slots []value.Value
	if ri.Recv != nil {
		// A method RPC sends its object first, as ARTIQ does: tag 'O', a
		// slot holding the object pointer (the firmware sends the id that
		// the object's struct starts with).
		recv := l.expr(ri.Recv)
		slot := l.entry.NewAlloca(recv.Type())
		l.cur.NewStore(recv, slot)
		tag.WriteByte('O')
		slots = append(slots, l.cur.NewBitCast(slot, irtypes.I8Ptr))
	}
	for _, a := range ri.Args {
		t := l.b.TypeOf(a.Value)
		v := l.expr(a.Value)
		if a.Type != nil {
			v = l.convert(v, t, a.Type)
			t = a.Type
		}
		at := mustTag(t)
		isNone := types.Is(t, types.NoneKind)
		if a.Keyword != "" {
			tag.WriteString("k" + at)
			fields := []irtypes.Type{l.strType}
			if !isNone {
				fields = append(fields, l.abiType(t))
			}
			st := irtypes.NewStruct(fields...)
			slot := l.entry.NewAlloca(st)
			l.cur.NewStore(l.str(a.Keyword), l.cur.NewGetElementPtr(st, slot, ci32(0), ci32(0)))
			if !isNone {
				l.cur.NewStore(l.toABI(v, t), l.cur.NewGetElementPtr(st, slot, ci32(0), ci32(1)))
			}
			slots = append(slots, l.cur.NewBitCast(slot, irtypes.I8Ptr))
			continue
		}
		tag.WriteString(at)
		if isNone {
			slots = append(slots, constant.NewNull(irtypes.I8Ptr))
			continue
		}
		slot := l.entry.NewAlloca(l.abiType(t))
		l.cur.NewStore(l.toABI(v, t), slot)
		slots = append(slots, l.cur.NewBitCast(slot, irtypes.I8Ptr))
	}
	tag.WriteByte(':')
	tag.WriteString(mustTag(ri.Result))

	var args value.Value = constant.NewNull(irtypes.NewPointer(irtypes.I8Ptr))
	if len(slots) > 0 {
		at := irtypes.NewArray(uint64(len(slots)), irtypes.I8Ptr)
		arr := l.entry.NewAlloca(at)
		for i, s := range slots {
			l.cur.NewStore(s, l.cur.NewGetElementPtr(at, arr, ci32(0), ci32(int64(i))))
		}
		args = l.cur.NewGetElementPtr(at, arr, ci32(0), ci32(0))
	}
	service := l.cur.NewLoad(irtypes.I32, l.rpcService(ri.Symbol))
	tagPtr := l.rpcTag(tag.String())
	sendName := "rpc_send"
	if ri.Async {
		sendName = "rpc_send_async"
	}
	send := l.external(sendName, irtypes.Void, false, irtypes.I32, irtypes.NewPointer(l.strType), irtypes.NewPointer(irtypes.I8Ptr))
	l.cur.NewCall(send, service, tagPtr, args)
	if ri.Async {
		return nil
	}

	// Receive the result (also for None: the host's exception comes here).
	isNone := types.Is(ri.Result, types.NoneKind)
	var slotType irtypes.Type = irtypes.I8
	if !isNone {
		slotType = l.abiType(ri.Result)
	}
	slot := l.entry.NewAlloca(slotType)
	cur := l.entry.NewAlloca(irtypes.I8Ptr)
	l.cur.NewStore(l.cur.NewBitCast(slot, irtypes.I8Ptr), cur)
	recvB := l.newBlock("rpc.recv")
	allocB := l.newBlock("rpc.alloc")
	doneB := l.newBlock("rpc.done")
	l.cur.NewBr(recvB)
	l.cur = recvB
	recv := l.external("rpc_recv", irtypes.I32, false, irtypes.I8Ptr)
	n := l.callOrInvoke(recv, l.cur.NewLoad(irtypes.I8Ptr, cur))
	l.cur.NewCondBr(l.cur.NewICmp(enum.IPredEQ, n, ci32(0)), doneB, allocB)
	l.cur = allocB
	alloc := l.external("__kernel_alloc", irtypes.I8Ptr, false, irtypes.I32)
	l.cur.NewStore(l.callOrInvoke(alloc, n), cur)
	l.cur.NewBr(recvB)
	l.cur = doneB
	if isNone {
		return nil
	}
	return l.fromABI(l.cur.NewLoad(slotType, slot), ri.Result)
}

// ARTIQ's RPC layout of values holds a list as {T*, i32} in place, with
// its elements in that layout too; kernels hold lists as pointers to their
// headers. abiType, toABI and fromABI convert.

// abiType is the LLVM type of a value of type t in ARTIQ's layout.
func (l *lowerer) abiType(t types.Type) irtypes.Type {
	switch t := t.(type) {
	case *types.List:
		et := l.abiMemType(t.Elem)
		return irtypes.NewStruct(irtypes.NewPointer(et), irtypes.I32)
	case *types.Tuple:
		var fields []irtypes.Type
		for _, e := range t.Elems {
			fields = append(fields, l.abiMemType(e))
		}
		return irtypes.NewStruct(fields...)
	}
	return l.irType(t)
}

func (l *lowerer) abiMemType(t types.Type) irtypes.Type {
	if types.Is(t, types.NoneKind) {
		return l.memType(t)
	}
	return l.abiType(t)
}

// hasList reports whether values of type t hold lists (and so differ
// between the two layouts).
func hasList(t types.Type) bool {
	switch t := t.(type) {
	case *types.List:
		return true
	case *types.Tuple:
		for _, e := range t.Elems {
			if hasList(e) {
				return true
			}
		}
	}
	return false
}

// toABI converts v of type t to ARTIQ's layout (a list's elements are
// copied only where they hold lists themselves).
func (l *lowerer) toABI(v value.Value, t types.Type) value.Value {
	switch t := t.(type) {
	case *types.List:
		n := l.listLen(v)
		ptr := l.listPtr(v)
		if hasList(t.Elem) {
			src := l.memType(t.Elem)
			dstT := l.abiMemType(t.Elem)
			dst := l.allocElems(dstT, n)
			l.loop(n, func(i value.Value) {
				e := l.cur.NewLoad(src, l.elemPtr(src, ptr, i))
				l.cur.NewStore(l.toABI(e, t.Elem), l.elemPtr(dstT, dst, i))
			})
			ptr = dst
		}
		var out value.Value = constant.NewUndef(l.abiType(t))
		out = l.cur.NewInsertValue(out, ptr, 0)
		return l.cur.NewInsertValue(out, n, 1)
	case *types.Tuple:
		if !hasList(t) {
			return v
		}
		var out value.Value = constant.NewUndef(l.abiType(t))
		for i, e := range t.Elems {
			out = l.cur.NewInsertValue(out, l.toABI(l.cur.NewExtractValue(v, uint64(i)), e), uint64(i))
		}
		return out
	}
	return v
}

// fromABI converts v of type t from ARTIQ's layout.
func (l *lowerer) fromABI(v value.Value, t types.Type) value.Value {
	switch t := t.(type) {
	case *types.List:
		var ptr value.Value = l.cur.NewExtractValue(v, 0)
		n := l.cur.NewExtractValue(v, 1)
		et := l.memType(t.Elem)
		if hasList(t.Elem) {
			srcT := l.abiMemType(t.Elem)
			dst := l.allocElems(et, n)
			l.loop(n, func(i value.Value) {
				e := l.cur.NewLoad(srcT, l.elemPtr(srcT, ptr, i))
				l.cur.NewStore(l.fromABI(e, t.Elem), l.elemPtr(et, dst, i))
			})
			ptr = dst
		}
		return l.makeList(et, ptr, n)
	case *types.Tuple:
		if !hasList(t) {
			return v
		}
		var out value.Value = constant.NewUndef(l.irType(t))
		for i, e := range t.Elems {
			out = l.cur.NewInsertValue(out, l.fromABI(l.cur.NewExtractValue(v, uint64(i)), e), uint64(i))
		}
		return out
	}
	return v
}

func mustTag(t types.Type) string {
	tag, err := types.RPCTag(t)
	if err != nil {
		panic("lower: RPC of an unchecked type: " + err.Error())
	}
	return tag
}

// rpcService declares (once) the hidden global that holds a service
// number; the linker defines it.
func (l *lowerer) rpcService(sym string) *ir.Global {
	if g, ok := l.globals[sym]; ok {
		return g
	}
	g := l.m.NewGlobal(sym, irtypes.I32)
	g.Linkage = enum.LinkageExternal
	g.Visibility = enum.VisibilityHidden
	g.Immutable = true
	l.globals[sym] = g
	return g
}

// rpcTag returns a pointer to a constant {i8*, i32} holding tag, named
// after its contents.
func (l *lowerer) rpcTag(tag string) *ir.Global {
	sum := sha256.Sum256([]byte(tag))
	sym := ".rpctag." + hex.EncodeToString(sum[:8])
	if g, ok := l.globals[sym]; ok {
		return g
	}
	g := l.m.NewGlobalDef(sym, l.str(tag))
	g.Linkage = enum.LinkagePrivate
	g.UnnamedAddr = enum.UnnamedAddrUnnamedAddr
	g.Immutable = true
	l.globals[sym] = g
	return g
}
