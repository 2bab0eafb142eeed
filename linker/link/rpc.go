package link

import (
	"encoding/json"
	"sort"
	"strings"

	"github.com/llir/llvm/ir"
	"github.com/llir/llvm/ir/constant"
	"github.com/llir/llvm/ir/enum"
	"github.com/llir/llvm/ir/types"

	"github.com/rules-artiq/rules_artiq/compiler/target"
)

// RPC service numbers are assigned here, not by the compiler: each module
// is compiled (and cached) on its own, so a call site cannot know its
// service number. It loads it from a hidden i32 global that its object
// leaves undefined, named after the host function:
//
//	__rpc.<module>.<function>         a sync RPC
//	__rpc_async.<module>.<function>   an async RPC (@rpc(flags={"async"}))
//	__rpcm.<module>.<Class>.<method>  a method RPC: the kernel sends the
//	__rpcm_async.<...>                object first (tag 'O'), the host
//	                                  calls that object's method
//
// (compiler/types.RPCSymbolPrefix and RPCAsyncSymbolPrefix). The link
// collects these names from every kernel object, numbers them 1..N in
// byte order of the symbol (0 is the firmware's attribute write-back),
// defines the globals in the stub object and writes the numbering into the
// host tables, where the host looks up the function to call.
const (
	rpcSymbolPrefix            = "__rpc."
	rpcAsyncSymbolPrefix       = "__rpc_async."
	rpcMethodSymbolPrefix      = "__rpcm."
	rpcMethodAsyncSymbolPrefix = "__rpcm_async."
)

// RPCService is one RPC service of a link, as the host tables list it.
type RPCService struct {
	Async    bool   `json:"async"`
	Function string `json:"function"` // module.function, or module.Class.method
	// Method is set for a method RPC: the name of the method that the
	// host calls on the object the kernel sends first (or a path to it
	// through the object's attributes: scheduler.pause).
	Method  string `json:"method,omitempty"`
	Service int    `json:"service"`
	Symbol  string `json:"-"`
}

// isRPCSymbol reports whether name is a service-number global that the
// link defines.
func isRPCSymbol(name string) bool {
	_, _, _, ok := parseRPCSymbol(name)
	return ok
}

func parseRPCSymbol(name string) (function string, async, method, ok bool) {
	for _, p := range []struct {
		prefix        string
		async, method bool
	}{
		{rpcAsyncSymbolPrefix, true, false},
		{rpcSymbolPrefix, false, false},
		{rpcMethodAsyncSymbolPrefix, true, true},
		{rpcMethodSymbolPrefix, false, true},
	} {
		if f, found := strings.CutPrefix(name, p.prefix); found && f != "" {
			if p.method && !strings.Contains(f, ".") {
				return "", false, false, false
			}
			return f, p.async, p.method, true
		}
	}
	return "", false, false, false
}

// rpcServices numbers the RPC services that the kernel objects reference.
func (in *inputs) rpcServices() []RPCService {
	seen := map[string]bool{}
	var syms []string
	for _, k := range in.kernels {
		for _, n := range k.syms.undefined {
			if isRPCSymbol(n) && !seen[n] {
				seen[n] = true
				syms = append(syms, n)
			}
		}
	}
	sort.Strings(syms)
	out := make([]RPCService, len(syms))
	for i, s := range syms {
		f, async, method, _ := parseRPCSymbol(s)
		out[i] = RPCService{Service: i + 1, Function: f, Async: async, Symbol: s}
		if method {
			// The method, or a path that starts with an attribute of the
			// object (Class#scheduler.pause: the object's scheduler's pause).
			if j := strings.IndexByte(f, '#'); j >= 0 {
				out[i].Method = f[j+1:]
			} else {
				out[i].Method = f[strings.LastIndexByte(f, '.')+1:]
			}
		}
	}
	return out
}

// rpcTable renders the services for the host tables.
func rpcTable(services []RPCService) ([]json.RawMessage, error) {
	out := []json.RawMessage{}
	for _, s := range services {
		data, err := json.Marshal(s)
		if err != nil {
			return nil, err
		}
		out = append(out, data)
	}
	return out, nil
}

// stubIRWithRPC is StubIR plus the definitions of the service-number
// globals: hidden constants, resolved PC-relative at link time, so they
// add no dynamic relocation or symbol.
func stubIRWithRPC(t *target.Target, entry string, services []RPCService) ([]byte, error) {
	m, err := stubModule(t, entry)
	if err != nil {
		return nil, err
	}
	addRPCGlobals(m, services)
	return []byte(m.String()), nil
}

func addRPCGlobals(m *ir.Module, services []RPCService) {
	for _, s := range services {
		g := m.NewGlobalDef(s.Symbol, constant.NewInt(types.I32, int64(s.Service)))
		g.Visibility = enum.VisibilityHidden
		g.Immutable = true
	}
}
