package types

import (
	"strings"

	"github.com/rules-artiq/rules_artiq/compiler/iface"
)

// Interface returns what importers of the module may see: its public
// kernel functions with their inferred signatures, its syscall
// declarations and its constants. Private names (a leading '_') and
// everything that changes with a body edit stay out.
func (info *Info) Interface() *iface.Interface {
	it := &iface.Interface{Module: info.Module}
	for _, fn := range info.Funcs {
		if fn.Def == nil || fn.Private {
			continue
		}
		if fn.Static {
			it.Statics = append(it.Statics, ifaceFunc(fn.Name, fn.Sig))
			continue
		}
		it.Funcs = append(it.Funcs, ifaceFunc(fn.Name, fn.Sig))
	}
	for _, s := range info.Syscalls {
		if strings.HasPrefix(s.Name, "_") {
			continue
		}
		it.Syscalls = append(it.Syscalls, ifaceFunc(s.Name, s.Type.(*Func)))
	}
	for _, b := range info.Broken { // hostcode.go: kernel methods that cannot be compiled
		it.Broken = append(it.Broken, b.Reason)
	}
	it.RPCs = append(it.RPCs, info.RPCs...) // rpcmethod.go: host methods
	for _, k := range info.Consts {
		if strings.HasPrefix(k.Name, "_") {
			continue
		}
		it.Consts = append(it.Consts, &iface.Const{Name: k.Name, Type: Final(k.Type).String(), Value: k.Const.String()})
	}
	return it
}

func ifaceFunc(name string, sig *Func) *iface.Func {
	f := &iface.Func{Name: name, Result: Final(sig.Result).String()}
	for _, p := range sig.Params {
		prm := iface.Param{Name: p.Name, Type: Final(p.Type).String(), Free: p.Free && IsInt(Final(p.Type))}
		if p.Default != nil {
			prm.Default = p.Default.String()
		}
		f.Params = append(f.Params, prm)
	}
	return f
}
