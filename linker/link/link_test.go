package link

import (
	"bytes"
	"context"
	"debug/elf"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/llir/llvm/ir"
	"github.com/llir/llvm/ir/constant"
	"github.com/llir/llvm/ir/enum"
	"github.com/llir/llvm/ir/types"

	"github.com/rules-artiq/rules_artiq/compiler/object"
	"github.com/rules-artiq/rules_artiq/compiler/target"
	"github.com/rules-artiq/rules_artiq/linker/firmware"
)

// tools are the LLVM 14 binaries the tests run.
type tools struct{ llc, lld, readelf string }

func findTools(t *testing.T) tools {
	t.Helper()
	find := func(names ...string) string {
		for _, n := range names {
			if p, err := exec.LookPath(n); err == nil {
				return p
			}
		}
		t.Skipf("%s not found on PATH; install llvm-14 and lld-14", names[0])
		return ""
	}
	return tools{
		llc:     find("llc-14", "llc"),
		lld:     find("ld.lld-14", "ld.lld"),
		readelf: find("llvm-readelf-14", "llvm-readelf"),
	}
}

// iface stands in for an interface file: only its hash matters here.
func iface(module, version string) string {
	return object.InterfaceHash([]byte("kernel-interface 1\nmodule " + module + "\n# " + version + "\n"))
}

func newModule(tg *target.Target, name string) *ir.Module {
	m := ir.NewModule()
	m.SourceFilename = name
	m.DataLayout = tg.DataLayout
	m.TargetTriple = tg.Triple
	return m
}

// ttlModule is lib.ttl: pulse(channel) sets the RTIO time (RISC-V: the
// `now` data symbol, high word first) and calls the firmware's rtio_output.
func ttlModule(tg *target.Target) *ir.Module {
	m := newModule(tg, "lib.ttl")
	output := m.NewFunc("rtio_output", types.Void, ir.NewParam("", types.I32), ir.NewParam("", types.I32))
	ch := ir.NewParam("channel", types.I32)
	pulse := m.NewFunc("lib.ttl.pulse", types.Void, ch)
	pulse.Visibility = enum.VisibilityHidden
	b := pulse.NewBlock("")
	if tg.NowInMemory {
		words := types.NewArray(4, types.I32)
		now := m.NewGlobal("now", words)
		now.Linkage = enum.LinkageExternal
		store := func(index int64, v int64) {
			p := b.NewGetElementPtr(words, now, constant.NewInt(types.I32, 0), constant.NewInt(types.I32, index))
			s := b.NewStore(constant.NewInt(types.I32, v), p)
			s.Atomic = true
			s.Ordering = enum.AtomicOrderingSequentiallyConsistent
			s.Align = 4
		}
		store(0, 0)
		store(int64(tg.NowLoOffset/4), 1000)
	} else {
		atMu := m.NewFunc("at_mu", types.Void, ir.NewParam("", types.I64))
		b.NewCall(atMu, constant.NewInt(types.I64, 1000))
	}
	target := b.NewShl(ch, constant.NewInt(types.I32, 8))
	b.NewCall(output, target, constant.NewInt(types.I32, 1))
	b.NewRet(nil)
	return m
}

// expModule is lib.exp: run() pulses channel 3 through lib.ttl. A table
// of pointers gives it load-time relocations of its own.
func expModule(tg *target.Target, extra string) *ir.Module {
	m := newModule(tg, "lib.exp")
	pulse := m.NewFunc("lib.ttl.pulse", types.Void, ir.NewParam("", types.I32))
	pulse.Visibility = enum.VisibilityHidden
	run := m.NewFunc("lib.exp.run", types.Void)
	run.Visibility = enum.VisibilityHidden
	b := run.NewBlock("")
	b.NewCall(pulse, constant.NewInt(types.I32, 3))
	if extra != "" {
		f := m.NewFunc(extra, types.I32, ir.NewParam("", types.I8Ptr))
		f.Sig.Variadic = true
		b.NewCall(f, constant.NewNull(types.I8Ptr))
	}
	b.NewRet(nil)
	tab := m.NewGlobalDef("lib.exp.table", constant.NewArray(types.NewArray(1, pulse.Type()), pulse))
	tab.Visibility = enum.VisibilityHidden
	// Zeroed data, so that __bss_start < _end.
	count := m.NewGlobalDef("lib.exp.count", constant.NewZeroInitializer(types.NewArray(16, types.I32)))
	count.Visibility = enum.VisibilityHidden
	return m
}

// build compiles m and writes its archive to dir/<name>.a.
func build(t *testing.T, tl tools, tg *target.Target, dir string, m *ir.Module, module string, self string, imports ...object.Import) string {
	t.Helper()
	ctx := context.Background()
	obj := filepath.Join(dir, module+".o")
	if err := object.RunLLC(ctx, tl.llc, tg, []byte(m.String()), obj); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(obj)
	if err != nil {
		t.Fatal(err)
	}
	man := &object.Manifest{Module: module, Target: tg.Name, Interface: self, Imports: imports}
	text, err := man.MarshalText()
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, module+".a")
	err = object.WriteArchive(out, []object.Member{
		{Name: object.MemberName(module), Data: data},
		{Name: object.ManifestMember, Data: text},
	})
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(obj)
	return out
}

// fixture builds the lib.ttl and lib.exp archives for tg in dir.
func fixture(t *testing.T, tl tools, tg *target.Target, dir string) (ttl, exp string) {
	t.Helper()
	ttl = build(t, tl, tg, dir, ttlModule(tg), "lib.ttl", iface("lib.ttl", "v1"))
	exp = build(t, tl, tg, dir, expModule(tg, ""), "lib.exp", iface("lib.exp", "v1"),
		object.Import{Module: "lib.ttl", Interface: iface("lib.ttl", "v1")})
	return ttl, exp
}

func mustTarget(t *testing.T, name string) *target.Target {
	t.Helper()
	tg, err := target.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

func TestLink(t *testing.T) {
	for _, name := range []string{"rv32g", "rv32ima", "cortexa9"} {
		t.Run(name, func(t *testing.T) {
			tl := findTools(t)
			tg := mustTarget(t, name)
			t.Chdir(t.TempDir())
			os.Mkdir("a", 0o755)
			os.Mkdir("out", 0o755)
			ttl, exp := fixture(t, tl, tg, "a")
			var timings bytes.Buffer
			o := Options{
				Target: tg, Entry: "lib.exp.run", Archives: []string{exp, ttl},
				LLC: tl.llc, LLD: tl.lld, Out: "out/k.elf", Tables: "out/k.json", Timings: &timings,
			}
			if err := Link(context.Background(), o); err != nil {
				t.Fatal(err)
			}
			checkELF(t, tl, tg, "out/k.elf")
			checkTables(t, tg, "out/k.json")
			for _, phase := range []string{"link-check", "link-stub", "link-lld", "link-verify"} {
				if !strings.Contains(timings.String(), "timing "+phase+" ") {
					t.Errorf("timings lack %s:\n%s", phase, timings.String())
				}
			}
			entries, _ := os.ReadDir("out")
			if len(entries) != 2 {
				t.Errorf("out/ holds %d entries, want the ELF and the tables only", len(entries))
			}
		})
	}
}

// checkELF checks the device ELF properties independently of verify.
func checkELF(t *testing.T, tl tools, tg *target.Target, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := elf.NewFile(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if f.Class != elf.ELFCLASS32 || f.Data != elf.ELFDATA2LSB || f.Type != elf.ET_DYN ||
		uint16(f.Machine) != tg.Machine || f.OSABI != elf.ELFOSABI_NONE || f.Version != elf.EV_CURRENT {
		t.Errorf("header: %+v", f.FileHeader)
	}
	if flags := uint32(data[36]) | uint32(data[37])<<8 | uint32(data[38])<<16 | uint32(data[39])<<24; flags != tg.ELFFlags {
		t.Errorf("e_flags = %#x, want %#x", flags, tg.ELFFlags)
	}
	for _, tag := range []elf.DynTag{elf.DT_RELA, elf.DT_HASH, elf.DT_JMPREL} {
		if v, _ := f.DynValue(tag); len(v) != 1 {
			t.Errorf("%v: %v", tag, v)
		}
	}
	if v, _ := f.DynValue(elf.DT_REL); len(v) != 0 {
		t.Errorf("has DT_REL")
	}
	syms, err := f.DynamicSymbols()
	if err != nil {
		t.Fatal(err)
	}
	defined := map[string]elf.Symbol{}
	var undefined []string
	for _, s := range syms {
		if s.Section == elf.SHN_UNDEF {
			undefined = append(undefined, s.Name)
		} else {
			defined[s.Name] = s
		}
	}
	for _, n := range []string{"__modinit__", "__bss_start", "_end", "_sstack_guard"} {
		if _, ok := defined[n]; !ok {
			t.Errorf("%s is not a defined dynamic symbol", n)
		}
	}
	bss, end, guard := defined["__bss_start"].Value, defined["_end"].Value, defined["_sstack_guard"].Value
	if guard%0x1000 != 0 || guard < end || end < bss+64 {
		t.Errorf("__bss_start %#x, _end %#x, _sstack_guard %#x: want 64 bytes of bss and a page-aligned guard after it", bss, end, guard)
	}
	for _, p := range f.Progs {
		if p.Type == elf.PT_LOAD && p.Vaddr+p.Memsz > guard {
			t.Errorf("segment %+v extends past _sstack_guard %#x", p.ProgHeader, guard)
		}
	}
	for _, n := range undefined {
		if !firmware.ExportsFor(elf.Machine(tg.Machine), n) {
			t.Errorf("undefined %s is not a firmware export", n)
		}
	}
	// Kernel symbols are hidden: they must not reach the dynamic table.
	for n := range defined {
		if strings.HasPrefix(n, "lib.") || strings.HasPrefix(n, "__kernelld") {
			t.Errorf("%s is exported", n)
		}
	}
	wantImports := []string{"rtio_output"}
	if tg.NowInMemory {
		wantImports = append(wantImports, "now")
	} else {
		wantImports = append(wantImports, "at_mu")
	}
	for _, n := range wantImports {
		found := false
		for _, u := range undefined {
			found = found || u == n
		}
		if !found {
			t.Errorf("%s is not imported (undefined: %v)", n, undefined)
		}
	}
	// Nothing path-like: the temporary directory names must not leak.
	if bytes.Contains(data, []byte(".kernelld-")) || bytes.Contains(data, []byte(os.TempDir())) {
		t.Errorf("the ELF contains a path")
	}

	// Cross-check with llvm-readelf.
	out, err := exec.Command(tl.readelf, "-d", "-r", path).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", tl.readelf, err, out)
	}
	text := string(out)
	for _, want := range []string{"(RELA)", "(HASH)", "(JMPREL)", "(PLTREL)"} {
		if !strings.Contains(text, want) {
			t.Errorf("llvm-readelf -d lacks %s:\n%s", want, text)
		}
	}
	if strings.Contains(text, "(REL) ") {
		t.Errorf("llvm-readelf -d shows DT_REL:\n%s", text)
	}
	relocPrefix := map[uint16]string{uint16(elf.EM_RISCV): "R_RISCV_", uint16(elf.EM_ARM): "R_ARM_"}[tg.Machine]
	allowed := map[string]bool{}
	for _, n := range dynRelocs[tg.Machine] {
		allowed[n] = true
	}
	seen := map[string]bool{}
	for _, line := range strings.Split(text, "\n") {
		for _, field := range strings.Fields(line) {
			if strings.HasPrefix(field, relocPrefix) {
				seen[field] = true
				if !allowed[field] {
					t.Errorf("relocation %s is not applied by the firmware", field)
				}
			}
		}
	}
	if !seen[relocPrefix+"JUMP_SLOT"] || !seen[relocPrefix+"RELATIVE"] {
		t.Errorf("want JUMP_SLOT and RELATIVE relocations, saw %v", seen)
	}
}

func checkTables(t *testing.T, tg *target.Target, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	var exceptions []any
	for _, e := range firmware.Exceptions() {
		exceptions = append(exceptions, e.Python)
	}
	want := map[string]any{
		"format": float64(1),
		"target": tg.Name,
		"entry":  "lib.exp.run",
		"modules": []any{
			map[string]any{"module": "lib.exp", "interface": iface("lib.exp", "v1")},
			map[string]any{"module": "lib.ttl", "interface": iface("lib.ttl", "v1")},
		},
		"rpc":        []any{},
		"exceptions": exceptions,
		"objects":    []any{},
	}
	if !reflect.DeepEqual(want, got) {
		t.Errorf("tables:\ngot  %+v\nwant %+v", got, want)
	}
	if len(exceptions) != 23 {
		t.Errorf("%d exceptions, want 23", len(exceptions))
	}
	// Canonical form: what a re-encoding with sorted keys gives.
	canon, _ := json.MarshalIndent(got, "", "  ")
	if string(data) != string(canon)+"\n" {
		t.Errorf("tables are not canonical:\n%s\nwant\n%s", data, canon)
	}
}

// TestLinkDeterministic links the same archives in two directories with
// relative paths and in different archive orders: the outputs must be
// byte-identical.
func TestLinkDeterministic(t *testing.T) {
	tl := findTools(t)
	tg := mustTarget(t, "rv32g")
	src := t.TempDir()
	ttl, exp := fixture(t, tl, tg, src)
	var elfs, tables [][]byte
	for i, root := range []string{t.TempDir(), filepath.Join(t.TempDir(), "deeper", "checkout")} {
		if err := os.MkdirAll(filepath.Join(root, "bazel-out", "bin"), 0o755); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{ttl, exp} {
			data, _ := os.ReadFile(p)
			os.WriteFile(filepath.Join(root, "bazel-out", filepath.Base(p)), data, 0o644)
		}
		t.Chdir(root)
		archives := []string{"bazel-out/lib.exp.a", "bazel-out/lib.ttl.a"}
		if i == 1 {
			archives[0], archives[1] = archives[1], archives[0]
		}
		o := Options{
			Target: tg, Entry: "lib.exp.run", Archives: archives, LLC: tl.llc, LLD: tl.lld,
			Out: "bazel-out/bin/k.elf", Tables: "bazel-out/bin/k.json",
		}
		if err := Link(context.Background(), o); err != nil {
			t.Fatal(err)
		}
		e, _ := os.ReadFile(o.Out)
		j, _ := os.ReadFile(o.Tables)
		elfs = append(elfs, e)
		tables = append(tables, j)
	}
	if !bytes.Equal(elfs[0], elfs[1]) {
		t.Errorf("ELF differs between directories")
	}
	if !bytes.Equal(tables[0], tables[1]) {
		t.Errorf("tables differ between directories")
	}
}

// TestLinkErrors checks that bad inputs fail with a clear input error
// and leave no output behind (not even one from an earlier good link).
func TestLinkErrors(t *testing.T) {
	tl := findTools(t)
	rv32g := mustTarget(t, "rv32g")
	rv32ima := mustTarget(t, "rv32ima")
	dir := t.TempDir()
	t.Chdir(dir)
	ttl, exp := fixture(t, tl, rv32g, ".")
	os.Mkdir("v2", 0o755)
	staleTTL := build(t, tl, rv32g, "v2", ttlModule(rv32g), "lib.ttl", iface("lib.ttl", "v2"))
	os.Mkdir("bad", 0o755)
	bad := build(t, tl, rv32g, "bad", expModule(rv32g, "printf"), "lib.exp", iface("lib.exp", "v1"),
		object.Import{Module: "lib.ttl", Interface: iface("lib.ttl", "v1")})
	os.Mkdir("ima", 0o755)
	imaTTL := build(t, tl, rv32ima, "ima", ttlModule(rv32ima), "lib.ttl", iface("lib.ttl", "v1"))
	os.Mkdir("dup", 0o755)
	dupTTL := build(t, tl, rv32g, "dup", ttlModule(rv32g), "lib.ttl", iface("lib.ttl", "v1"))

	cases := []struct {
		name     string
		entry    string
		archives []string
		want     string
	}{
		{"stale", "lib.exp.run", []string{exp, staleTTL},
			"stale archive: lib.exp was compiled against interface " + shortHash(iface("lib.ttl", "v1")) +
				" of lib.ttl, but the lib.ttl in this link has " + shortHash(iface("lib.ttl", "v2")) + "; rebuild lib.exp"},
		{"undefined", "lib.exp.run", []string{bad, ttl},
			"undefined symbol printf (referenced by module lib.exp)"},
		{"missing module", "lib.exp.run", []string{exp},
			"module lib.exp imports lib.ttl, which is not in the link: add it to deps"},
		{"target mismatch", "lib.exp.run", []string{exp, imaTTL},
			"module lib.ttl was compiled for target rv32ima, but this link is for rv32g"},
		{"duplicate", "lib.exp.run", []string{exp, ttl, dupTTL},
			"module lib.ttl is in the link twice"},
		{"no entry module", "lib.other.run", []string{exp, ttl},
			"entry lib.other.run: no module in the link contains it"},
		{"entry not defined", "lib.exp.main", []string{exp, ttl},
			"entry lib.exp.main: module lib.exp does not define main"},
		{"not an archive", "lib.exp.run", []string{exp, ttl, "lib.ttl.a.missing"},
			"lib.ttl.a.missing"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := Options{
				Target: rv32g, Entry: c.entry, Archives: c.archives, LLC: tl.llc, LLD: tl.lld,
				Out: "k.elf", Tables: "k.json",
			}
			// A good link first, so the failure must remove its outputs.
			good := o
			good.Entry, good.Archives = "lib.exp.run", []string{exp, ttl}
			if err := Link(context.Background(), good); err != nil {
				t.Fatal(err)
			}
			err := Link(context.Background(), o)
			if err == nil {
				t.Fatal("link succeeded")
			}
			if !IsInputError(err) {
				t.Errorf("not an input error: %v", err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error:\n%v\nwant it to contain:\n%s", err, c.want)
			}
			for _, p := range []string{"k.elf", "k.json"} {
				if _, err := os.Stat(p); !os.IsNotExist(err) {
					t.Errorf("%s left behind after a failed link", p)
				}
			}
			leftovers, _ := filepath.Glob(".kernelld-*")
			if len(leftovers) != 0 {
				t.Errorf("temporary files left behind: %v", leftovers)
			}
		})
	}
}

// TestVerifyRejectsUnknownImport runs the check of the linked ELF on its
// own (the pre-link check would stop this link first): an import that
// the firmware does not export is reported with the module using it.
func TestVerifyRejectsUnknownImport(t *testing.T) {
	tl := findTools(t)
	tg := mustTarget(t, "rv32g")
	t.Chdir(t.TempDir())
	bad := build(t, tl, tg, ".", expModule(tg, "printf"), "lib.exp", iface("lib.exp", "v1"),
		object.Import{Module: "lib.ttl", Interface: iface("lib.ttl", "v1")})
	ttl := build(t, tl, tg, ".", ttlModule(tg), "lib.ttl", iface("lib.ttl", "v1"))
	in, err := load(Options{Target: tg, Archives: []string{bad, ttl}})
	if err != nil {
		t.Fatal(err)
	}
	// Link without the pre-check, as if lld had resolved differently.
	ctx := context.Background()
	ir, err := StubIR(tg, "lib.exp.run")
	if err != nil {
		t.Fatal(err)
	}
	if err := object.RunLLC(ctx, tl.llc, tg, ir, "stub.o"); err != nil {
		t.Fatal(err)
	}
	os.WriteFile("kernel.ld", linkerScript, 0o644)
	if err := runTool(ctx, tl.lld, LLDArgs(tg, "kernel.ld", "k.elf", "stub.o", in.linkOrder(), "")); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile("k.elf")
	err = verify(data, tg, in)
	if err == nil || err.Error() != "undefined symbol printf (referenced by module lib.exp)" {
		t.Errorf("verify: %v", err)
	}
}

func TestStubIR(t *testing.T) {
	ir, err := StubIR(mustTarget(t, "rv32g"), "lib.exp.run")
	if err != nil {
		t.Fatal(err)
	}
	text := string(ir)
	for _, want := range []string{
		"define void @__modinit__(i8* %0)",
		"declare void @lib.exp.run()",
		"call void @lib.exp.run()",
		`target triple = "riscv32-unknown-linux"`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("stub IR lacks %q:\n%s", want, text)
		}
	}
}

// supportArchive writes a support library (no manifest) whose helper.o
// defines kernel_helper, which calls callee if one is given.
func supportArchive(t *testing.T, tl tools, tg *target.Target, path, callee string) {
	t.Helper()
	m := newModule(tg, "helper")
	h := m.NewFunc("kernel_helper", types.Void)
	h.Visibility = enum.VisibilityHidden
	b := h.NewBlock("")
	if callee != "" {
		b.NewCall(m.NewFunc(callee, types.Void))
	}
	b.NewRet(nil)
	ctx := context.Background()
	if err := object.RunLLC(ctx, tl.llc, tg, []byte(m.String()), "helper.o"); err != nil {
		t.Fatal(err)
	}
	obj, _ := os.ReadFile("helper.o")
	if err := object.WriteArchive(path, []object.Member{{Name: "helper.o", Data: obj}}); err != nil {
		t.Fatal(err)
	}
}

func TestLinkSupport(t *testing.T) {
	tl := findTools(t)
	tg := mustTarget(t, "rv32g")
	t.Chdir(t.TempDir())
	ttl := build(t, tl, tg, ".", ttlModule(tg), "lib.ttl", iface("lib.ttl", "v1"))
	exp := build(t, tl, tg, ".", expModule(tg, "kernel_helper"), "lib.exp", iface("lib.exp", "v1"),
		object.Import{Module: "lib.ttl", Interface: iface("lib.ttl", "v1")})
	o := Options{
		Target: tg, Entry: "lib.exp.run", Archives: []string{exp, ttl}, LLC: tl.llc, LLD: tl.lld,
		Out: "k.elf",
	}

	// Without the support library, kernel_helper is undefined.
	err := Link(context.Background(), o)
	if err == nil || err.Error() != "undefined symbol kernel_helper (referenced by module lib.exp)" {
		t.Errorf("link without support: %v", err)
	}

	o.Support = "support.a"
	supportArchive(t, tl, tg, "support.a", "")
	if err := Link(context.Background(), o); err != nil {
		t.Fatal(err)
	}

	// A support member's own undefined symbol is caught in the linked ELF.
	supportArchive(t, tl, tg, "support.a", "abort")
	err = Link(context.Background(), o)
	if err == nil || err.Error() != "undefined symbol abort (referenced by support.a(helper.o))" {
		t.Errorf("link with a bad support library: %v", err)
	}
	if _, err := os.Stat("k.elf"); !os.IsNotExist(err) {
		t.Errorf("k.elf left behind")
	}
}
