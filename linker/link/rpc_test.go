package link

import (
	"context"
	"debug/elf"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/llir/llvm/ir"
	"github.com/llir/llvm/ir/constant"
	"github.com/llir/llvm/ir/enum"
	"github.com/llir/llvm/ir/types"

	"github.com/rules-artiq/rules_artiq/compiler/object"
	"github.com/rules-artiq/rules_artiq/compiler/target"
	ktypes "github.com/rules-artiq/rules_artiq/compiler/types"
)

func TestRPCPrefixesMatchCompiler(t *testing.T) {
	if rpcSymbolPrefix != ktypes.RPCSymbolPrefix || rpcAsyncSymbolPrefix != ktypes.RPCAsyncSymbolPrefix ||
		rpcMethodSymbolPrefix != ktypes.RPCMethodSymbolPrefix || rpcMethodAsyncSymbolPrefix != ktypes.RPCMethodAsyncSymbolPrefix {
		t.Fatalf("linker prefixes %q/%q/%q/%q, compiler %q/%q/%q/%q", rpcSymbolPrefix, rpcAsyncSymbolPrefix,
			rpcMethodSymbolPrefix, rpcMethodAsyncSymbolPrefix, ktypes.RPCSymbolPrefix, ktypes.RPCAsyncSymbolPrefix,
			ktypes.RPCMethodSymbolPrefix, ktypes.RPCMethodAsyncSymbolPrefix)
	}
}

func TestParseRPCSymbol(t *testing.T) {
	for _, c := range []struct {
		sym           string
		fn            string
		async, method bool
		ok            bool
	}{
		{"__rpc.lib.exp.report", "lib.exp.report", false, false, true},
		{"__rpc_async.prog.log", "prog.log", true, false, true},
		{"__rpcm.exp.Exp.report", "exp.Exp.report", false, true, true},
		{"__rpcm_async.exp.Exp.log", "exp.Exp.log", true, true, true},
		{"__rpcm.nodot", "", false, false, false},
		{"__rpc.", "", false, false, false},
		{"__rpcx.a.b", "", false, false, false},
		{"rpc_send", "", false, false, false},
	} {
		fn, async, method, ok := parseRPCSymbol(c.sym)
		if fn != c.fn || async != c.async || method != c.method || ok != c.ok {
			t.Errorf("parseRPCSymbol(%q) = %q, %v, %v, %v; want %q, %v, %v, %v", c.sym, fn, async, method, ok, c.fn, c.async, c.method, c.ok)
		}
	}
}

// rpcModule loads the service numbers of the given RPC globals and passes
// each to rtio_output, as a kernel's call site loads its service number.
func rpcModule(tg *target.Target, module string, syms ...string) *ir.Module {
	m := newModule(tg, module)
	output := m.NewFunc("rtio_output", types.Void, ir.NewParam("", types.I32), ir.NewParam("", types.I32))
	run := m.NewFunc(module+".run", types.Void)
	run.Visibility = enum.VisibilityHidden
	b := run.NewBlock("")
	globals := map[string]*ir.Global{}
	for _, s := range syms {
		g, ok := globals[s]
		if !ok {
			g = m.NewGlobal(s, types.I32)
			g.Linkage = enum.LinkageExternal
			g.Visibility = enum.VisibilityHidden
			g.Immutable = true
			globals[s] = g
		}
		b.NewCall(output, constant.NewInt(types.I32, 0), b.NewLoad(types.I32, g))
	}
	b.NewRet(nil)
	return m
}

func TestLinkRPCServices(t *testing.T) {
	for _, name := range []string{"rv32g", "rv32ima", "cortexa9"} {
		t.Run(name, func(t *testing.T) {
			tl := findTools(t)
			tg := mustTarget(t, name)
			t.Chdir(t.TempDir())
			os.Mkdir("a", 0o755)
			exp := build(t, tl, tg, "a", rpcModule(tg, "lib.exp", "__rpc.lib.exp.report", "__rpc_async.lib.exp.log", "__rpc.lib.exp.report"),
				"lib.exp", iface("lib.exp", "v1"), object.Import{Module: "lib.aux", Interface: iface("lib.aux", "v1")})
			aux := build(t, tl, tg, "a", rpcModule(tg, "lib.aux", "__rpc.lib.aux.fetch", "__rpc.lib.exp.report"),
				"lib.aux", iface("lib.aux", "v1"))
			o := Options{Target: tg, Entry: "lib.exp.run", Archives: []string{exp, aux},
				LLC: tl.llc, LLD: tl.lld, Out: "k.elf", Tables: "k.json"}
			if err := Link(context.Background(), o); err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile("k.json")
			if err != nil {
				t.Fatal(err)
			}
			var tables struct {
				RPC []RPCService `json:"rpc"`
			}
			if err := json.Unmarshal(data, &tables); err != nil {
				t.Fatal(err)
			}
			want := []RPCService{
				{Service: 1, Function: "lib.aux.fetch"},
				{Service: 2, Function: "lib.exp.report"},
				{Service: 3, Function: "lib.exp.log", Async: true},
			}
			if !reflect.DeepEqual(tables.RPC, want) {
				t.Errorf("rpc table = %+v, want %+v\n%s", tables.RPC, want, data)
			}
			if !strings.Contains(string(data), `"function": "lib.exp.log"`) {
				t.Errorf("tables are not indented canonically:\n%s", data)
			}
			f, err := elf.Open("k.elf")
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			dyn, _ := f.DynamicSymbols()
			for _, s := range dyn {
				if isRPCSymbol(s.Name) {
					t.Errorf("service global %s reached the dynamic symbol table", s.Name)
				}
			}
		})
	}
}

func TestStubDefinesRPCGlobals(t *testing.T) {
	tg := mustTarget(t, "rv32g")
	ir, err := stubIRWithRPC(tg, "lib.exp.run", []RPCService{
		{Service: 1, Function: "lib.exp.a", Symbol: "__rpc.lib.exp.a"},
		{Service: 2, Function: "lib.exp.b", Async: true, Symbol: "__rpc_async.lib.exp.b"},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`@__rpc.lib.exp.a = hidden constant i32 1`,
		`@__rpc_async.lib.exp.b = hidden constant i32 2`,
	} {
		if !strings.Contains(string(ir), want) {
			t.Errorf("stub IR lacks %q:\n%s", want, ir)
		}
	}
	plain, err := StubIR(tg, "lib.exp.run")
	if err != nil {
		t.Fatal(err)
	}
	none, err := stubIRWithRPC(tg, "lib.exp.run", nil)
	if err != nil {
		t.Fatal(err)
	}
	if string(plain) != string(none) {
		t.Errorf("a link without RPCs changed the stub")
	}
}

func TestUndefinedRPCGlobalIsNotAFirmwareImport(t *testing.T) {
	in := &inputs{kernels: []*kernel{{path: "a.a", manifest: &object.Manifest{Module: "m"},
		syms: &symbols{defined: map[string]elf.Symbol{}, local: map[string]bool{}, undefined: []string{"__rpc.m.f", "__rpc_async.m.g"}}}},
		byModule: map[string]*kernel{}, target: mustTarget(t, "rv32g")}
	in.byModule["m"] = in.kernels[0]
	if err := checkUndefined(in); err != nil {
		t.Fatal(err)
	}
}
