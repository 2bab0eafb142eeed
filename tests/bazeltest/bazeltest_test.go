package bazeltest

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// A log as Bazel 4.2.3 writes it: concatenated objects, no array, int64
// as strings. Abridged from a build of //examples/....
const sampleLog = `{
  "commandArgs": ["bazel-out/host/bin/toolchain/kernelc", "compile", "--module", "lib.ttl", "--iface", "lib.x=bazel-out/k8-fastbuild/bin/examples/lib/x/lib.x.iface", "--out-archive", "bazel-out/k8-fastbuild/bin/examples/lib/ttl/lib.ttl.a", "examples/lib/ttl.py"],
  "environmentVariables": [],
  "platform": {"properties": []},
  "inputs": [{"path": "examples/lib/ttl.py", "digest": {"hash": "aa", "sizeBytes": "379", "hashFunctionName": "SHA-256"}}],
  "listedOutputs": ["bazel-out/k8-fastbuild/bin/examples/lib/ttl/lib.ttl.iface", "bazel-out/k8-fastbuild/bin/examples/lib/ttl/lib.ttl.a"],
  "remotable": true,
  "cacheable": true,
  "timeoutMillis": "0",
  "progressMessage": "Compiling kernel module lib.ttl",
  "mnemonic": "KernelCompile",
  "actualOutputs": [{"path": "bazel-out/k8-fastbuild/bin/examples/lib/ttl/lib.ttl.a", "digest": {"hash": "bb", "sizeBytes": "1024", "hashFunctionName": "SHA-256"}}, {"path": "bazel-out/k8-fastbuild/bin/examples/lib/ttl/lib.ttl.iface", "digest": {"hash": "cc", "sizeBytes": "99", "hashFunctionName": "SHA-256"}}],
  "runner": "linux-sandbox",
  "remoteCacheHit": false,
  "status": "",
  "exitCode": 0,
  "remoteCacheable": true
}{
  "commandArgs": ["bazel-out/host/bin/toolchain/kernelld", "--llc", "/usr/bin/llc", "-o", "bazel-out/k8-fastbuild/bin/examples/experiments/rabi.elf"],
  "environmentVariables": [{"name": "PATH", "value": "/bin:/usr/bin"}],
  "inputs": [{"path": "bazel-out/k8-fastbuild/bin/examples/lib/ttl/lib.ttl.a", "digest": {"hash": "bb", "sizeBytes": 1024}}],
  "listedOutputs": ["bazel-out/k8-fastbuild/bin/examples/experiments/rabi.tables.json", "bazel-out/k8-fastbuild/bin/examples/experiments/rabi.elf"],
  "mnemonic": "KernelLink",
  "actualOutputs": [{"path": "bazel-out/k8-fastbuild/bin/examples/experiments/rabi.elf", "digest": {"hash": "dd", "sizeBytes": "4096"}}],
  "runner": "remote cache hit",
  "remoteCacheHit": true
}
`

func TestParseLog(t *testing.T) {
	log, err := ParseLog(strings.NewReader(sampleLog))
	if err != nil {
		t.Fatal(err)
	}
	if len(log.Spawns) != 2 {
		t.Fatalf("%d spawns, want 2", len(log.Spawns))
	}
	c, l := log.Spawns[0], log.Spawns[1]
	if !c.Executed() || l.Executed() {
		t.Errorf("Executed: compile %v, link %v; want true, false", c.Executed(), l.Executed())
	}
	if got, want := c.Action(), "KernelCompile examples/lib/ttl/lib.ttl.a"; got != want {
		t.Errorf("Action = %q, want %q", got, want)
	}
	if got, want := l.Action(), "KernelLink examples/experiments/rabi.elf"; got != want {
		t.Errorf("Action = %q, want %q", got, want)
	}
	if d, ok := c.OutputDigest("bazel-out/k8-fastbuild/bin/examples/lib/ttl/lib.ttl.iface"); !ok || d != "cc" {
		t.Errorf("OutputDigest = %q, %v", d, ok)
	}
	if c.Inputs[0].Digest.SizeBytes != 379 || l.Inputs[0].Digest.SizeBytes != 1024 {
		t.Errorf("sizes %d, %d", c.Inputs[0].Digest.SizeBytes, l.Inputs[0].Digest.SizeBytes)
	}
	if m, ok := c.Flag("--module"); !ok || m != "lib.ttl" {
		t.Errorf("Flag(--module) = %q, %v", m, ok)
	}
	if !l.HasInput("bazel-out/k8-fastbuild/bin/examples/lib/ttl/lib.ttl.a") {
		t.Error("HasInput: the link's archive is missing")
	}
	if got, want := log.Executed(), []string{"KernelCompile examples/lib/ttl/lib.ttl.a"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Executed = %q, want %q", got, want)
	}
	sum := log.Summarize()
	if sum.Spawns != 2 || sum.Executed != 1 || sum.ExecutedByMnemonic["KernelCompile"] != 1 || sum.HitsByMnemonic["KernelLink"] != 1 || sum.ByRunner["remote cache hit"] != 1 {
		t.Errorf("Summarize = %+v", sum)
	}
	if got := AbsoluteArgs(c); len(got) != 0 {
		t.Errorf("AbsoluteArgs(compile) = %q, want none", got)
	}
	if got := AbsoluteArgs(l); !reflect.DeepEqual(got, []string{"/usr/bin/llc"}) {
		t.Errorf("AbsoluteArgs(link) = %q", got)
	}
}

func TestParseEmptyLog(t *testing.T) {
	log, err := ParseLog(strings.NewReader(""))
	if err != nil || len(log.Spawns) != 0 {
		t.Fatalf("ParseLog(empty) = %v, %v", log, err)
	}
	if got := log.Executed(); len(got) != 0 {
		t.Errorf("Executed = %q", got)
	}
}

func TestParseLogError(t *testing.T) {
	if _, err := ParseLog(strings.NewReader(`{"mnemonic": "A"}{"mnemonic": `)); err == nil {
		t.Error("a truncated log parsed")
	}
}

func TestProcessSummary(t *testing.T) {
	out := "INFO: Analyzed 5 targets (0 packages loaded, 0 targets configured).\n" +
		"INFO: Elapsed time: 7.122s, Critical Path: 0.46s\n" +
		"INFO: 18 processes: 7 remote cache hit, 9 internal, 2 linux-sandbox.\n" +
		"INFO: Build completed successfully, 18 total actions\n"
	ps, ok := ParseProcessSummary(out)
	if !ok {
		t.Fatal("no summary found")
	}
	want := map[string]int{"remote cache hit": 7, "internal": 9, "linux-sandbox": 2}
	if ps.Total != 18 || !reflect.DeepEqual(ps.ByKind, want) || ps.Executed() != 2 {
		t.Errorf("got %+v (executed %d)", ps, ps.Executed())
	}
	ps, ok = ParseProcessSummary("INFO: 1 process: 1 internal.\n")
	if !ok || ps.Total != 1 || ps.ByKind["internal"] != 1 || ps.Executed() != 0 {
		t.Errorf("got %+v, %v", ps, ok)
	}
	ps, ok = ParseProcessSummary("INFO: 0 processes.\n")
	if !ok || ps.Total != 0 || len(ps.ByKind) != 0 {
		t.Errorf("got %+v, %v", ps, ok)
	}
}

func TestShortPath(t *testing.T) {
	for in, want := range map[string]string{
		"bazel-out/k8-fastbuild/bin/examples/experiments/rabi.elf": "examples/experiments/rabi.elf",
		"bazel-out/host/bin/toolchain/kernelc":                     "toolchain/kernelc",
		"examples/lib/ttl.py":                                      "examples/lib/ttl.py",
		"external/artiq_llvm/bin/llc":                              "external/artiq_llvm/bin/llc",
	} {
		if got := ShortPath(in); got != want {
			t.Errorf("ShortPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFind(t *testing.T) {
	needles := []Needle{
		{What: "workspace path", Text: "/tmp/bazeltest-1/a"},
		{What: "user name", Text: "ci", Word: true},
	}
	data := []byte("circuit\x00/tmp/bazeltest-1/a/examples/lib/ttl.py\x00")
	got := Find(data, needles)
	if len(got) != 1 || !strings.HasPrefix(got[0], "workspace path") {
		t.Errorf("Find = %q, want only the path", got)
	}
	got = Find([]byte("owner ci\x00"), needles)
	if len(got) != 1 || !strings.HasPrefix(got[0], "user name") {
		t.Errorf("Find = %q, want the user name", got)
	}
	for _, arg := range []string{"/abs", "--x=/abs", "a:/abs", "-Wl,/abs", "@/params"} {
		if !absolute.MatchString(arg) {
			t.Errorf("%q: absolute path not found", arg)
		}
	}
	for _, arg := range []string{"rel/x", "//examples/lib:ttl", "lib.ttl=bazel-out/x.iface", "a/b"} {
		if absolute.MatchString(arg) {
			t.Errorf("%q: not an absolute path", arg)
		}
	}
}

func TestCopyFiles(t *testing.T) {
	src, dst := t.TempDir(), t.TempDir()
	if err := os.MkdirAll(filepath.Join(src, "tools"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "tools", "run.sh"), []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("run.sh", filepath.Join(src, "tools", "link.sh")); err != nil {
		t.Fatal(err)
	}
	if err := CopyFiles(src, dst, []string{"tools/run.sh", "tools/link.sh"}); err != nil {
		t.Fatal(err)
	}
	info, err := os.Lstat(filepath.Join(dst, "tools", "run.sh"))
	if err != nil || !info.Mode().IsRegular() || info.Mode().Perm()&0o100 == 0 {
		t.Errorf("run.sh: %v, %v: want a regular executable file", info, err)
	}
	if target, err := os.Readlink(filepath.Join(dst, "tools", "link.sh")); err != nil || target != "run.sh" {
		t.Errorf("link.sh -> %q, %v", target, err)
	}
}
