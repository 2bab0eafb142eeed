package link

import (
	"fmt"

	"github.com/llir/llvm/ir"
	"github.com/llir/llvm/ir/constant"
	"github.com/llir/llvm/ir/enum"
	"github.com/llir/llvm/ir/types"

	"github.com/rules-artiq/rules_artiq/compiler/target"
)

// pltAnchor is the firmware function that the stub's anchor calls. Any
// export would do; rtio_output is the one nearly every kernel calls
// anyway, so the anchor rarely adds a PLT entry of its own.
const pltAnchor = "rtio_output"

// StubIR returns the LLVM IR of the entry object:
//
//	define void @__modinit__(i8* %0) uwtable { call void @<entry>() ret void }
//
// The firmware calls __modinit__ with an argument it does not use. The
// function has unwind tables so that an exception leaving the kernel can
// be unwound through it into the firmware.
//
// The firmware's loader requires DT_JMPREL and DT_RELA, but lld omits a
// tag whose relocation section is empty: a kernel that calls no firmware
// function through the PLT would have no DT_JMPREL, one without
// load-time pointers no DT_RELA. So the stub also carries two anchors
// that are never executed: a hidden function that calls the firmware's
// rtio_output (a PLT call, hence an R_*_JUMP_SLOT in .rela.plt), and a
// hidden pointer to that function (an R_*_RELATIVE in .rela.dyn). They
// cost a few bytes and one extra import that every firmware has; being
// real code and data rather than linker tricks, they keep working
// whatever the kernel contains.
func StubIR(t *target.Target, entry string) ([]byte, error) {
	m, err := stubModule(t, entry)
	if err != nil {
		return nil, err
	}
	return []byte(m.String()), nil
}

// stubModule builds the module that StubIR prints.
func stubModule(t *target.Target, entry string) (*ir.Module, error) {
	if entry == "" {
		return nil, fmt.Errorf("empty entry")
	}
	m := ir.NewModule()
	// Names the object in place of the (temporary) path it is built at.
	m.SourceFilename = "__modinit__"
	m.DataLayout = t.DataLayout
	m.TargetTriple = t.Triple

	run := m.NewFunc(entry, types.Void)
	modinit := m.NewFunc("__modinit__", types.Void, ir.NewParam("", types.I8Ptr))
	modinit.FuncAttrs = append(modinit.FuncAttrs, enum.FuncAttrUwtable)
	b := modinit.NewBlock("")
	b.NewCall(run)
	b.NewRet(nil)

	imported := m.NewFunc(pltAnchor, types.Void, ir.NewParam("", types.I32), ir.NewParam("", types.I32))
	anchor := m.NewFunc("__kernelld_plt_anchor", types.Void)
	anchor.Visibility = enum.VisibilityHidden
	anchor.FuncAttrs = append(anchor.FuncAttrs, enum.FuncAttrNoUnwind)
	ab := anchor.NewBlock("")
	zero := constant.NewInt(types.I32, 0)
	ab.NewCall(imported, zero, zero)
	ab.NewRet(nil)

	ptr := m.NewGlobalDef("__kernelld_rela_anchor", anchor)
	ptr.Immutable = true
	ptr.Visibility = enum.VisibilityHidden

	return m, nil
}
