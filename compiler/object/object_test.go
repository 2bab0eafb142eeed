package object

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/rules-artiq/rules_artiq/compiler/target"
)

var (
	hashA = InterfaceHash([]byte("a"))
	hashB = InterfaceHash([]byte("b"))
	hashC = InterfaceHash([]byte("c"))
)

func TestManifestRoundTrip(t *testing.T) {
	m := &Manifest{
		Module:    "lib.pulses",
		Target:    "rv32g",
		Interface: hashA,
		// Out of order on purpose: the encoding sorts.
		Imports: []Import{{"lib.ttl", hashC}, {"lib.core", hashB}},
	}
	text, err := m.MarshalText()
	if err != nil {
		t.Fatal(err)
	}
	want := "kernel-manifest 1\nmodule lib.pulses\ntarget rv32g\ninterface " + hashA +
		"\nimport lib.core " + hashB + "\nimport lib.ttl " + hashC + "\n"
	if string(text) != want {
		t.Errorf("encoding:\n%s\nwant:\n%s", text, want)
	}
	got, err := ParseManifest(text)
	if err != nil {
		t.Fatal(err)
	}
	m.Imports = []Import{{"lib.core", hashB}, {"lib.ttl", hashC}}
	if !reflect.DeepEqual(m, got) {
		t.Errorf("round trip:\ngot  %+v\nwant %+v", got, m)
	}
	again, _ := got.MarshalText()
	if !bytes.Equal(again, text) {
		t.Errorf("re-encoding differs")
	}

	noImports := &Manifest{Module: "m", Target: "rv32ima", Interface: hashA}
	text, err = noImports.MarshalText()
	if err != nil {
		t.Fatal(err)
	}
	if got, err := ParseManifest(text); err != nil || got.Imports != nil || got.Module != "m" {
		t.Errorf("ParseManifest(%q) = %+v, %v", text, got, err)
	}
}

func TestInterfaceHash(t *testing.T) {
	// sha256("") is well known.
	want := "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	if got := InterfaceHash(nil); got != want {
		t.Errorf("InterfaceHash(nil) = %s", got)
	}
}

func TestManifestMarshalErrors(t *testing.T) {
	for _, m := range []*Manifest{
		{Module: "", Target: "rv32g", Interface: hashA},
		{Module: "lib..x", Target: "rv32g", Interface: hashA},
		{Module: "lib.1x", Target: "rv32g", Interface: hashA},
		{Module: "lib.x", Target: "", Interface: hashA},
		{Module: "lib.x", Target: "rv32g", Interface: "md5:00"},
		{Module: "lib.x", Target: "rv32g", Interface: hashA, Imports: []Import{{"lib.x", hashB}}},
		{Module: "lib.x", Target: "rv32g", Interface: hashA, Imports: []Import{{"lib.y", hashB}, {"lib.y", hashB}}},
		{Module: "lib.x", Target: "rv32g", Interface: hashA, Imports: []Import{{"lib.y", strings.ToUpper(hashB)}}},
	} {
		if text, err := m.MarshalText(); err == nil {
			t.Errorf("MarshalText(%+v) = %q, want an error", m, text)
		}
	}
}

func TestParseManifestErrors(t *testing.T) {
	head := "kernel-manifest 1\nmodule lib.x\ntarget rv32g\ninterface " + hashA + "\n"
	cases := []struct {
		text string
		line int
		msg  string
	}{
		{"", 1, "empty manifest"},
		{"kernel-manifest 2\n", 1, "unsupported manifest version"},
		{"!<arch>\n", 1, "not a kernel manifest"},
		{"kernel-manifest 1", 1, "missing newline"},
		{"kernel-manifest 1\n", 2, `missing "module" line`},
		{"kernel-manifest 1\ntarget rv32g\n", 2, `expected "module <value>"`},
		{"kernel-manifest 1\nmodule lib.x\ntarget rv32g\n", 4, `missing "interface" line`},
		{"kernel-manifest 1\nmodule lib.x\ntarget  rv32g\n", 3, "exactly one space"},
		{"kernel-manifest 1\nmodule lib.x\ntarget rv32g\ninterface sha256:12\n", 4, "want 64 hex digits"},
		{"kernel-manifest 1\nmodule lib/x\n", 2, "bad module name"},
		{head + "\n", 5, "empty line"},
		{head + "import lib.y\n", 5, `expected "import <module> sha256:<hex>"`},
		{head + "import lib.y " + hashB + " extra\n", 5, "expected"},
		{head + "export lib.y " + hashB + "\n", 5, `unexpected "export" record`},
		{head + "import lib.x " + hashB + "\n", 5, "imports itself"},
		{head + "import lib.z " + hashB + "\nimport lib.y " + hashB + "\n", 6, "not sorted"},
		{head + "import lib.y " + hashB + "\nimport lib.y " + hashB + "\n", 6, "duplicate import"},
		{head + "import lib.y " + hashB + "\r\n", 5, "control character"},
		{head + "import lib.y sha1:" + strings.Repeat("0", 40) + "\n", 5, `does not start with "sha256:"`},
	}
	for _, c := range cases {
		_, err := ParseManifest([]byte(c.text))
		var me *ManifestError
		if !errors.As(err, &me) {
			t.Errorf("ParseManifest(%q) = %v, want a *ManifestError", c.text, err)
			continue
		}
		if me.Line != c.line || !strings.Contains(me.Msg, c.msg) {
			t.Errorf("ParseManifest(%q) = %q, want line %d and %q", c.text, err, c.line, c.msg)
		}
		if !strings.HasPrefix(err.Error(), fmt.Sprintf("line %d: ", c.line)) {
			t.Errorf("error %q does not start with its line", err)
		}
	}
}

// arFile builds a GNU archive by hand, for reader tests that must not
// depend on llvm-ar.
func arFile(members ...[2]string) []byte {
	var b bytes.Buffer
	b.WriteString("!<arch>\n")
	var names bytes.Buffer
	ref := map[string]string{}
	for _, m := range members {
		if len(m[0]) > 15 {
			ref[m[0]] = fmt.Sprintf("/%d", names.Len())
			names.WriteString(m[0] + "/\n")
		}
	}
	add := func(name, data string) {
		fmt.Fprintf(&b, "%-16s%-12s%-6s%-6s%-8s%-10d`\n", name, "0", "0", "0", "644", len(data))
		b.WriteString(data)
		if len(data)%2 == 1 {
			b.WriteByte('\n')
		}
	}
	add("/", "\x00\x00\x00\x00")
	if names.Len() > 0 {
		add("//", names.String())
	}
	for _, m := range members {
		if r, ok := ref[m[0]]; ok {
			add(r, m[1])
		} else {
			add(m[0]+"/", m[1])
		}
	}
	return b.Bytes()
}

func TestReadArchive(t *testing.T) {
	dir := t.TempDir()
	manifest := "kernel-manifest 1\nmodule lib.pulses\ntarget rv32g\ninterface " + hashA + "\n"
	path := filepath.Join(dir, "k.a")
	os.WriteFile(path, arFile([2]string{"lib.pulses.o", "odd"}, [2]string{ManifestMember, manifest}), 0o644)
	a, err := ReadArchive(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []Member{{"lib.pulses.o", []byte("odd")}, {ManifestMember, []byte(manifest)}}
	if !reflect.DeepEqual(want, a.Members) {
		t.Errorf("members:\ngot  %+v\nwant %+v", a.Members, want)
	}
	if a.Manifest == nil || a.Manifest.Module != "lib.pulses" || string(a.Object()) != "odd" {
		t.Errorf("manifest %+v, object %q", a.Manifest, a.Object())
	}

	// An archive without a manifest (the support library) reads fine.
	os.WriteFile(path, arFile([2]string{"a.o", "x"}, [2]string{"a_rather_long_member_name.o", "yz"}), 0o644)
	if a, err := ReadArchive(path); err != nil || a.Manifest != nil || len(a.Members) != 2 || a.Members[1].Name != "a_rather_long_member_name.o" {
		t.Errorf("ReadArchive = %+v, %v", a, err)
	}

	bad := map[string][]byte{
		"not an archive":     []byte("hello"),
		"thin":               []byte("!<thin>\n"),
		"truncated header":   []byte("!<arch>\nabc"),
		"truncated member":   arFile([2]string{"a.o", "xyz"})[:len(arFile([2]string{"a.o", "xyz"}))-3],
		"manifest line 4":    arFile([2]string{"lib.pulses.o", "o"}, [2]string{ManifestMember, "kernel-manifest 1\nmodule lib.pulses\ntarget rv32g\n"}),
		"missing object":     arFile([2]string{ManifestMember, manifest}),
		"unexpected member":  arFile([2]string{"lib.pulses.o", "o"}, [2]string{"extra.o", "o"}, [2]string{ManifestMember, manifest}),
		"wrong object name":  arFile([2]string{"lib.other.o", "o"}, [2]string{ManifestMember, manifest}),
		"two manifests":      arFile([2]string{"lib.pulses.o", "o"}, [2]string{ManifestMember, manifest}, [2]string{ManifestMember, manifest}),
		"bad long-name ref":  bytes.Replace(arFile([2]string{ManifestMember, manifest}), []byte("/0 "), []byte("/99"), 1),
		"bsd name":           []byte("!<arch>\n#1/12           0           0     0     644     12        `\n" + "abcdefghijkl"),
		"bad header magic":   bytes.Replace(arFile([2]string{"a.o", "x"}), []byte("`\n"), []byte("xx"), 1),
		"member name no /":   []byte("!<arch>\na.o             0           0     0     644     2         `\nab"),
		"non-numeric size":   []byte("!<arch>\na.o/            0           0     0     644     zz        `\nab"),
		"long name no table": []byte("!<arch>\n/0              0           0     0     644     2         `\nab"),
	}
	for name, data := range bad {
		os.WriteFile(path, data, 0o644)
		if _, err := ReadArchive(path); err == nil {
			t.Errorf("%s: ReadArchive succeeded", name)
		} else if !strings.HasPrefix(err.Error(), path+": ") {
			t.Errorf("%s: error %q does not name the archive", name, err)
		}
	}
	// Manifest errors keep their line number.
	os.WriteFile(path, bad["manifest line 4"], 0o644)
	_, err = ReadArchive(path)
	var me *ManifestError
	if !errors.As(err, &me) || me.Line != 4 || !strings.Contains(err.Error(), ManifestMember+": line 4: ") {
		t.Errorf("error %v, want a manifest error at line 4", err)
	}
}

func lookTool(t *testing.T, names ...string) string {
	t.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	t.Skipf("%s not found on PATH; install llvm-14", names[0])
	return ""
}

// TestWriteArchive writes a kernel archive from two directories: the bytes
// must be identical, must be exactly what llvm-ar writes for the same
// members, and ReadArchive must read them back (including the long-name
// table that __kernel_manifest needs).
func TestWriteArchive(t *testing.T) {
	ar := lookTool(t, "llvm-ar-14", "llvm-ar")
	llc := lookTool(t, "llc-14", "llc")
	tg, _ := target.Lookup("rv32g")
	ir := []byte("source_filename = \"lib.pulses\"\n" +
		"target datalayout = \"" + tg.DataLayout + "\"\ntarget triple = \"" + tg.Triple + "\"\n" +
		"define hidden i32 @lib.pulses.f(i32 %x) {\n  %y = add i32 %x, 1\n  ret i32 %y\n}\n")
	m := &Manifest{Module: "lib.pulses", Target: "rv32g", Interface: hashA, Imports: []Import{{"lib.ttl", hashB}}}
	text, _ := m.MarshalText()
	ctx := context.Background()

	var outs [][]byte
	for _, root := range []string{t.TempDir(), filepath.Join(t.TempDir(), "x", "y")} {
		os.MkdirAll(filepath.Join(root, "out"), 0o755)
		t.Chdir(root)
		if err := RunLLC(ctx, llc, tg, ir, "out/lib.pulses.o"); err != nil {
			t.Fatal(err)
		}
		obj, err := os.ReadFile("out/lib.pulses.o")
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(obj, []byte(root)) || bytes.Contains(obj, []byte(".llc-")) {
			t.Errorf("the object contains a path")
		}
		members := []Member{{MemberName("lib.pulses"), obj}, {ManifestMember, text}}
		if err := WriteArchive("out/lib.pulses.a", members); err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile("out/lib.pulses.a")
		outs = append(outs, data)
		if want := llvmAr(t, ar, members); !bytes.Equal(data, want) {
			t.Errorf("archive differs from llvm-ar's:\ngot  %q\nwant %q", clipBytes(data), clipBytes(want))
		}
		a, err := ReadArchive("out/lib.pulses.a")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(members, a.Members) {
			t.Errorf("members:\ngot  %+v\nwant %+v", a.Members, members)
		}
		if !reflect.DeepEqual(m.Imports, a.Manifest.Imports) {
			t.Errorf("imports:\ngot  %+v\nwant %+v", a.Manifest.Imports, m.Imports)
		}
		entries, _ := os.ReadDir("out")
		if len(entries) != 2 {
			t.Errorf("out/ holds %d entries, want the object and the archive", len(entries))
		}
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Errorf("archives differ between directories")
	}
}

// TestEncodeArchiveMatchesLLVMAr checks the corners of the format against
// llvm-ar: names just under and over the 16-byte limit, odd member and
// name-table sizes, several objects, weak, hidden, common and undefined
// symbols, and members that are not objects.
func TestEncodeArchiveMatchesLLVMAr(t *testing.T) {
	ar := lookTool(t, "llvm-ar-14", "llvm-ar")
	clang := lookTool(t, "clang-14", "clang")
	dir := t.TempDir()
	compile := func(name, src string) []byte {
		c := filepath.Join(dir, name+".c")
		o := filepath.Join(dir, name+".o")
		os.WriteFile(c, []byte(src), 0o644)
		out, err := exec.Command(clang, "--target=riscv32-unknown-elf", "-fcommon", "-c", c, "-o", o).CombinedOutput()
		if err != nil {
			t.Fatalf("clang: %v\n%s", err, out)
		}
		data, _ := os.ReadFile(o)
		return data
	}
	a := compile("a", "int foo(void){return 1;}\nint bar = 3;\nstatic int baz;\nint *pb(void){return &baz;}\n"+
		"extern int q(void);\nint w(void){return q();}\n__attribute__((weak)) int wk(void){return 2;}\n"+
		"__attribute__((visibility(\"hidden\"))) int hid = 4;\nint common_var;\n")
	b := compile("b", "static int s(void){return 0;}\nint a1(void){return s();}\n")
	empty := compile("empty", "static int unused;\n")
	for _, members := range [][]Member{
		{{"a.o", a}},
		{{"fifteen_chars.o", a}, {"sixteen_chars_.o", b}},
		{{"seventeen_chars.o", b}, {"x", []byte("odd")}, {"very.long.module.name.o", a}},
		{{"__kernel_manifest", []byte("module m\n")}, {"b.o", b}},
		{{"empty.o", empty}, {"n", nil}},
		{{"empty.o", empty}},
		{{"notes.txt", []byte("no objects, so no index")}},
	} {
		got, err := EncodeArchive(members)
		if err != nil {
			t.Fatal(err)
		}
		if want := llvmAr(t, ar, members); !bytes.Equal(got, want) {
			t.Errorf("members %s: archive differs from llvm-ar's:\ngot  %q\nwant %q", memberNames(members), clipBytes(got), clipBytes(want))
		}
	}
}

// llvmAr archives members with llvm-ar the way kernelc once did.
func llvmAr(t *testing.T, ar string, members []Member) []byte {
	t.Helper()
	dir := t.TempDir()
	args := []string{"--format=gnu", "rcsD", filepath.Join(dir, "out.a")}
	for _, m := range members {
		p := filepath.Join(dir, m.Name)
		if err := os.WriteFile(p, m.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, p)
	}
	if out, err := exec.Command(ar, args...).CombinedOutput(); err != nil {
		t.Fatalf("llvm-ar: %v\n%s", err, out)
	}
	data, err := os.ReadFile(filepath.Join(dir, "out.a"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func memberNames(members []Member) string {
	var names []string
	for _, m := range members {
		names = append(names, m.Name)
	}
	return strings.Join(names, ",")
}

// clipBytes keeps the headers, where differences show.
func clipBytes(b []byte) []byte {
	if len(b) > 400 {
		return b[:400]
	}
	return b
}

func TestToolFailureRemovesOutput(t *testing.T) {
	llc := lookTool(t, "llc-14", "llc")
	tg, _ := target.Lookup("rv32g")
	t.Chdir(t.TempDir())
	ctx := context.Background()
	os.WriteFile("x.o", []byte("stale"), 0o644)
	err := RunLLC(ctx, llc, tg, []byte("this is not IR"), "x.o")
	if !IsToolError(err) || !strings.Contains(err.Error(), "error") {
		t.Errorf("RunLLC: %v, want a tool error with llc's message", err)
	}
	for _, bad := range [][]Member{
		nil,
		{{"a/b", nil}},
		{{"a.o", nil}, {"a.o", nil}},
		{{"a.o", []byte("\x7fELF but not an object")}},
	} {
		os.WriteFile("x.a", []byte("stale"), 0o644)
		if err := WriteArchive("x.a", bad); err == nil {
			t.Errorf("WriteArchive accepted members %s", memberNames(bad))
		}
	}
	entries, _ := os.ReadDir(".")
	if len(entries) != 0 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("left behind: %v", names)
	}
}
