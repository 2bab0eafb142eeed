package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/llir/llvm/ir"
	"github.com/llir/llvm/ir/constant"
	"github.com/llir/llvm/ir/enum"
	"github.com/llir/llvm/ir/types"

	"github.com/rules-artiq/rules_artiq/compiler/object"
	"github.com/rules-artiq/rules_artiq/compiler/target"
)

func lookTool(t *testing.T, names ...string) string {
	t.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	t.Skipf("%s not found on PATH; install llvm-14 and lld-14", names[0])
	return ""
}

// archive writes the archive of a module whose function run calls the
// given callee (declared void()) and imports the given modules.
func archive(t *testing.T, llc, module, callee string, imports ...object.Import) string {
	t.Helper()
	tg, _ := target.Lookup("rv32g")
	m := ir.NewModule()
	m.SourceFilename = module
	m.DataLayout, m.TargetTriple = tg.DataLayout, tg.Triple
	f := m.NewFunc(module+".run", types.Void)
	f.Visibility = enum.VisibilityHidden
	b := f.NewBlock("")
	if callee != "" {
		g := m.NewFunc(callee, types.Void, ir.NewParam("", types.I32), ir.NewParam("", types.I32))
		b.NewCall(g, constant.NewInt(types.I32, 0), constant.NewInt(types.I32, 1))
	}
	b.NewRet(nil)
	ctx := context.Background()
	if err := object.RunLLC(ctx, llc, tg, []byte(m.String()), module+".o"); err != nil {
		t.Fatal(err)
	}
	obj, _ := os.ReadFile(module + ".o")
	man := &object.Manifest{Module: module, Target: "rv32g", Interface: object.InterfaceHash([]byte(module)), Imports: imports}
	text, err := man.MarshalText()
	if err != nil {
		t.Fatal(err)
	}
	out := module + ".a"
	if err := object.WriteArchive(out, []object.Member{{Name: object.MemberName(module), Data: obj}, {Name: object.ManifestMember, Data: text}}); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestKernelld(t *testing.T) {
	llc := lookTool(t, "llc-14", "llc")
	lld := lookTool(t, "ld.lld-14", "ld.lld")
	t.Chdir(t.TempDir())
	good := archive(t, llc, "lib.exp", "rtio_output")
	bad := archive(t, llc, "lib.bad", "printf")
	needsTTL := archive(t, llc, "lib.needs", "", object.Import{Module: "lib.ttl", Interface: object.InterfaceHash(nil)})

	cases := []struct {
		name   string
		args   []string
		status int
		stderr string
	}{
		{"ok", []string{"--entry", "lib.exp.run", "--llc", llc, "--lld", lld, "-o", "k.elf", good, "--tables", "k.json", "--timings"}, 0, "timing link-lld "},
		{"bad flag", []string{"--frobnicate"}, 2, "flag provided but not defined"},
		{"no entry", []string{"--llc", llc, "--lld", lld, "-o", "k.elf", good}, 2, "kernelld: error: missing --entry"},
		{"no archives", []string{"--entry", "lib.exp.run", "--llc", llc, "--lld", lld, "-o", "k.elf"}, 2, "kernelld: error: no archives"},
		{"bad target", []string{"--target", "or1k", "--entry", "lib.exp.run", "--llc", llc, "--lld", lld, "-o", "k.elf", good}, 2, `unknown target "or1k"`},
		{"undefined", []string{"--entry", "lib.bad.run", "--llc", llc, "--lld", lld, "-o", "k.elf", bad}, 2,
			"kernelld: error: undefined symbol printf (referenced by module lib.bad)\n"},
		{"missing import", []string{"--entry", "lib.needs.run", "--llc", llc, "--lld", lld, "-o", "k.elf", needsTTL}, 2,
			"kernelld: error: module lib.needs imports lib.ttl, which is not in the link: add it to deps\n"},
		{"tool missing", []string{"--entry", "lib.exp.run", "--llc", llc, "--lld", "./no-such-lld", "-o", "k.elf", good}, 3,
			"kernelld: error: ./no-such-lld failed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// Stale outputs from an earlier run must not survive a failure.
			os.WriteFile("k.elf", []byte("old"), 0o644)
			os.WriteFile("k.json", []byte("old"), 0o644)
			args := c.args
			if c.status != 0 && c.name != "bad flag" {
				args = append([]string{"--tables", "k.json"}, args...)
			}
			var stderr bytes.Buffer
			status := run(context.Background(), args, &stderr)
			if status != c.status || !strings.Contains(stderr.String(), c.stderr) {
				t.Errorf("status %d, stderr:\n%s\nwant status %d and %q", status, stderr.String(), c.status, c.stderr)
			}
			_, elfErr := os.Stat("k.elf")
			_, jsonErr := os.Stat("k.json")
			if c.status == 0 && (elfErr != nil || jsonErr != nil) {
				t.Errorf("outputs missing: %v, %v", elfErr, jsonErr)
			}
			if c.status != 0 && c.name != "bad flag" && (elfErr == nil || jsonErr == nil) {
				t.Errorf("outputs left behind after a failure")
			}
		})
	}
}
