package simulator

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// These tests use the real tools: clang-14 and ld.lld-14 build the runtime
// and the C "kernels", qemu-riscv32 runs them. They skip when a tool is
// absent.

var shared struct {
	once     sync.Once
	dir      string
	runtimes map[string]string
	err      error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
	os.Exit(code)
}

func needTools(t *testing.T) Tools {
	t.Helper()
	tools, err := DefaultTools()
	if err != nil {
		t.Skipf("tools for the runtime missing: %v", err)
	}
	if _, err := exec.LookPath("qemu-riscv32"); err != nil {
		t.Skip("qemu-riscv32 not in PATH")
	}
	return tools
}

// runtimeFor builds each runtime once per test binary.
func runtimeFor(t *testing.T, target string) string {
	t.Helper()
	tools := needTools(t)
	shared.once.Do(func() {
		shared.dir, shared.err = os.MkdirTemp("", "simtest-")
		if shared.err != nil {
			return
		}
		shared.runtimes = map[string]string{}
		for _, tg := range RuntimeTargets() {
			p := filepath.Join(shared.dir, "simrt-"+tg)
			if err := BuildRuntimeFor(context.Background(), tools, tg, p); err != nil {
				shared.err = err
				return
			}
			shared.runtimes[tg] = p
		}
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.runtimes[target]
}

// kernelFlags are the clang flags of a C kernel per target.
var kernelFlags = map[string][]string{
	"rv32g":   {"-march=rv32imafd", "-mabi=ilp32d"},
	"rv32ima": {"-march=rv32ima", "-mabi=ilp32"},
}

// buildKernel compiles C source into a device ELF the way ARTIQ links
// kernels (shared object, SysV hash, RELA).
func buildKernel(t *testing.T, target, src string) string {
	t.Helper()
	tools := needTools(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "k.c"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	args := append([]string{"--target=riscv32-unknown-linux"}, kernelFlags[target]...)
	args = append(args, "-O2", "-fPIC", "-ffreestanding", "-Wall", "-c", "k.c", "-o", "k.o")
	run := func(tool string, args ...string) {
		cmd := exec.Command(tool, args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s %v: %v\n%s", tool, args, err, out)
		}
	}
	run(tools.Clang, args...)
	run(tools.LLD, "-shared", "--eh-frame-hdr", "-x", "--hash-style=sysv", "-o", "k.elf", "k.o")
	return filepath.Join(dir, "k.elf")
}

// The declarations a C kernel needs; `now` is the firmware's data symbol.
const kernelPrelude = `
#include <stdint.h>
extern volatile uint32_t now[];
void rtio_output(int32_t target, int32_t data);
void core_log(const char *fmt, ...);
int64_t rtio_get_counter(void);
static inline void at_mu(int64_t t) {
	/* ARTIQ's order: high word first, then the low word. */
	__atomic_store_n(&now[0], (uint32_t)((uint64_t)t >> 32), __ATOMIC_SEQ_CST);
	__atomic_store_n(&now[NOW_LO], (uint32_t)t, __ATOMIC_SEQ_CST);
}
static inline int64_t now_mu(void) { return (int64_t)(((uint64_t)now[0] << 32) | now[NOW_LO]); }
static inline void delay_mu(int64_t d) { at_mu(now_mu() + d); }
`

func kernelSource(target, body string) string {
	lo := 2
	if target == "rv32ima" {
		lo = 1
	}
	return fmt.Sprintf("#define NOW_LO %d\n%s\n%s", lo, kernelPrelude, body)
}

type result struct {
	code           int
	err            error
	stdout, stderr string
	timeline       string
	events         []Event
	exn            *Exception
}

func simulate(t *testing.T, target, elf, format string, opts ...func(*Options)) result {
	t.Helper()
	var stdout, stderr, tl bytes.Buffer
	var r result
	o := Options{
		Runtime:        runtimeFor(t, target),
		ELF:            elf,
		Stdout:         &stdout,
		Stderr:         &stderr,
		Timeline:       &tl,
		TimelineFormat: format,
		Events:         &r.events,
		Exception:      &r.exn,
	}
	for _, f := range opts {
		f(&o)
	}
	r.code, r.err = Run(context.Background(), o)
	r.stdout, r.stderr, r.timeline = stdout.String(), stderr.String(), tl.String()
	return r
}

const pulsesKernel = `
void __modinit__(void *arg) {
	(void)arg;
	at_mu(1000);
	rtio_output((1 << 8) | 0, 1);
	delay_mu(8);
	rtio_output((1 << 8) | 0, 0);
	at_mu(0x100000000LL + 5);           /* needs both time words */
	rtio_output((2 << 8) | 3, -5);
	rtio_output((0x1234 << 8) | 0xff, 0x7fffffff);
	core_log("now=%lld counter=%lld\n", (long long)now_mu(), (long long)rtio_get_counter());
	core_log("%s %d %.3f|", "hello", 42, 2.5);
	core_log("no newline");
}
`

func TestRunOutputAndCSV(t *testing.T) {
	for _, target := range RuntimeTargets() {
		t.Run(target, func(t *testing.T) {
			elf := buildKernel(t, target, kernelSource(target, pulsesKernel))
			r := simulate(t, target, elf, "csv")
			if r.code != 0 || r.err != nil {
				t.Fatalf("exit %d, err %v, stderr:\n%s", r.code, r.err, r.stderr)
			}
			wantOut := "now=4294967301 counter=4294967301\nhello 42 2.500|no newline"
			if r.stdout != wantOut {
				t.Errorf("stdout = %q, want %q", r.stdout, wantOut)
			}
			if r.stderr != "" {
				t.Errorf("stderr = %q, want nothing", r.stderr)
			}
			wantCSV := "time_mu,channel,address,data\n" +
				"1000,1,0,1\n" +
				"1008,1,0,0\n" +
				"4294967301,2,3,-5\n" +
				"4294967301,4660,255,2147483647\n"
			if r.timeline != wantCSV {
				t.Errorf("timeline =\n%s\nwant\n%s", r.timeline, wantCSV)
			}
			if len(r.events) != 4 || r.events[3].Channel() != 0x1234 || r.events[3].Address() != 0xff {
				t.Errorf("events = %+v", r.events)
			}
		})
	}
}

func TestRunVCD(t *testing.T) {
	target := "rv32g"
	// Events out of time order, as `with parallel` produces them.
	elf := buildKernel(t, target, kernelSource(target, `
void __modinit__(void *arg) {
	at_mu(100);
	rtio_output(5 << 8, 1);
	at_mu(50);
	rtio_output((3 << 8) | 1, 7);
	rtio_output((3 << 8) | 1, 9);   /* same time: the later write wins */
	at_mu(200);
	rtio_output(5 << 8, -1);
}
`))
	r := simulate(t, target, elf, "vcd")
	if r.code != 0 || r.err != nil {
		t.Fatalf("exit %d, err %v, stderr:\n%s", r.code, r.err, r.stderr)
	}
	if err := checkVCD(r.timeline); err != nil {
		t.Fatalf("malformed VCD: %v\n%s", err, r.timeline)
	}
	want := `$version rules_artiq simulator $end
$timescale 1ns $end
$scope module rtio $end
$var wire 32 ! ch3_a1 $end
$var wire 32 " ch5_a0 $end
$upscope $end
$enddefinitions $end
#0
$dumpvars
bx !
bx "
$end
#50
b1001 !
#100
b1 "
#200
b11111111111111111111111111111111 "
`
	if r.timeline != want {
		t.Errorf("VCD =\n%s\nwant\n%s", r.timeline, want)
	}
}

// checkVCD checks the structure a VCD reader relies on: declarations
// before $enddefinitions, unique identifiers, increasing timestamps and
// value changes only for declared identifiers, at most 32 bits wide.
func checkVCD(s string) error {
	ids := map[string]bool{}
	names := map[string]bool{}
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	i := 0
	sawTimescale := false
	for ; i < len(lines); i++ {
		f := strings.Fields(lines[i])
		if len(f) == 0 {
			continue
		}
		if f[len(f)-1] != "$end" {
			return fmt.Errorf("line %d: declaration not closed by $end: %q", i+1, lines[i])
		}
		switch f[0] {
		case "$enddefinitions":
			i++
			goto body
		case "$timescale":
			sawTimescale = len(f) == 3 && f[1] == "1ns"
		case "$var":
			if len(f) != 6 || f[1] != "wire" || f[2] != "32" {
				return fmt.Errorf("line %d: bad $var %q", i+1, lines[i])
			}
			if ids[f[3]] || names[f[4]] {
				return fmt.Errorf("line %d: duplicate identifier or name", i+1)
			}
			ids[f[3]], names[f[4]] = true, true
		case "$version", "$scope", "$upscope", "$date", "$comment":
		default:
			return fmt.Errorf("line %d: unknown declaration %q", i+1, f[0])
		}
	}
	return fmt.Errorf("no $enddefinitions")
body:
	if !sawTimescale {
		return fmt.Errorf("no $timescale 1ns")
	}
	last := int64(-1)
	for ; i < len(lines); i++ {
		l := lines[i]
		switch {
		case strings.HasPrefix(l, "#"):
			var ts int64
			if _, err := fmt.Sscanf(l, "#%d", &ts); err != nil || ts <= last {
				return fmt.Errorf("line %d: bad or non-increasing time %q", i+1, l)
			}
			last = ts
		case l == "$dumpvars" || l == "$end":
		case strings.HasPrefix(l, "b"):
			var v, id string
			if _, err := fmt.Sscanf(l, "b%s %s", &v, &id); err != nil {
				return fmt.Errorf("line %d: bad change %q", i+1, l)
			}
			if !ids[id] {
				return fmt.Errorf("line %d: undeclared identifier %q", i+1, id)
			}
			if len(v) > 32 || strings.Trim(v, "01xz") != "" {
				return fmt.Errorf("line %d: bad value %q", i+1, v)
			}
			if last < 0 {
				return fmt.Errorf("line %d: change before any time", i+1)
			}
		default:
			return fmt.Errorf("line %d: unexpected %q", i+1, l)
		}
	}
	return nil
}

func TestUnresolvedImport(t *testing.T) {
	target := "rv32g"
	elf := buildKernel(t, target, kernelSource(target, `
void not_in_the_firmware(int);
void __modinit__(void *arg) { not_in_the_firmware(1); }
`))
	r := simulate(t, target, elf, "csv")
	if r.code != ExitFailure {
		t.Fatalf("exit %d, want %d; stderr:\n%s", r.code, ExitFailure, r.stderr)
	}
	if r.err != nil {
		t.Errorf("err = %v, want the runtime's own message only", r.err)
	}
	if want := "simulator: unresolved import not_in_the_firmware\n"; r.stderr != want {
		t.Errorf("stderr = %q, want %q", r.stderr, want)
	}
	if r.timeline != "" {
		t.Errorf("a failed load wrote a timeline: %q", r.timeline)
	}
}

const raiseKernel = `
struct str { const char *ptr; uint32_t len; };
struct exn {
	uint32_t id;
	struct str file;
	uint32_t line, column;
	struct str function, message;
	int64_t param[3];
};
_Static_assert(__builtin_offsetof(struct exn, param) == 40, "layout");
void __artiq_raise(struct exn *) __attribute__((noreturn));

/* Static data with pointers: exercises R_RISCV_RELATIVE. */
#define S(s) {s, sizeof(s) - 1}
static struct exn failed = {
	9, S("prog.py"), 3, 5, S("prog.__toplevel__"),
	S("x was {0}, y {1}\nnext {2}"), {3, -4, 5000000000LL},
};

void __modinit__(void *arg) {
	at_mu(10);
	rtio_output(1 << 8, 1);
	core_log("before\n");
	__artiq_raise(&failed);
}
`

func TestUncaughtException(t *testing.T) {
	target := "rv32g"
	elf := buildKernel(t, target, kernelSource(target, raiseKernel))
	root := t.TempDir()
	src := "x = 3\nif True:\n    assert x == 2, \"x was {0}\"\n"
	if err := os.WriteFile(filepath.Join(root, "prog.py"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	r := simulate(t, target, elf, "csv", func(o *Options) { o.SourceRoot = root })
	if r.code != ExitException || r.err != nil {
		t.Fatalf("exit %d, err %v, want 1; stderr:\n%s", r.code, r.err, r.stderr)
	}
	want := `Core Device Traceback (most recent call last):
  File "prog.py", line 3, column 5, in prog.__toplevel__
    assert x == 2, "x was {0}"
    ^
AssertionError: x was 3, y -4
next 5000000000
`
	if r.stderr != want {
		t.Errorf("report =\n%s\nwant\n%s", r.stderr, want)
	}
	if r.stdout != "before\n" {
		t.Errorf("stdout = %q", r.stdout)
	}
	if r.timeline != "time_mu,channel,address,data\n10,1,0,1\n" {
		t.Errorf("timeline before the raise lost: %q", r.timeline)
	}
	if r.exn == nil || r.exn.Name != "AssertionError" || r.exn.Params[2] != 5000000000 {
		t.Errorf("exception = %+v", r.exn)
	}

	// Without the source file: no source line, same frame and message.
	r = simulate(t, target, elf, "csv", func(o *Options) { o.SourceRoot = t.TempDir() })
	if !strings.HasPrefix(r.stderr, "Core Device Traceback (most recent call last):\n  File \"prog.py\", line 3, column 5, in prog.__toplevel__\nAssertionError: x was 3") {
		t.Errorf("report without source =\n%s", r.stderr)
	}
}

func TestRuntimeHelpersAndLibm(t *testing.T) {
	for _, target := range RuntimeTargets() {
		t.Run(target, func(t *testing.T) {
			elf := buildKernel(t, target, kernelSource(target, `
double sqrt(double), pow(double, double), floor(double), fmod(double, double), atan2(double, double);
void *memset(void *, int, unsigned);
unsigned strlen(const char *);
static volatile int64_t a = -7000000000LL, b = 3;
static volatile double x = 2.0, y = -7.5;
void __modinit__(void *arg) {
	char buf[8];
	memset(buf, 'z', 7);
	buf[7] = 0;
	core_log("%lld %lld %lld\n", (long long)(a / b), (long long)(a % b), (long long)(a * b));
	core_log("%.6f %.1f %.1f %.2f %.4f\n", sqrt(x), pow(x, 10), floor(y), fmod(y, x), atan2(1.0, 1.0));
	core_log("%lld %.1f %u %s\n", (long long)y, (double)a, strlen(buf), buf);
}
`))
			r := simulate(t, target, elf, "csv")
			if r.code != 0 || r.err != nil {
				t.Fatalf("exit %d, err %v, stderr:\n%s", r.code, r.err, r.stderr)
			}
			want := "-2333333333 -1 -21000000000\n1.414214 1024.0 -8.0 -1.50 0.7854\n-7 -7000000000.0 7 zzzzzzz\n"
			if r.stdout != want {
				t.Errorf("stdout = %q, want %q", r.stdout, want)
			}
		})
	}
}

func TestUnsupportedService(t *testing.T) {
	target := "rv32g"
	elf := buildKernel(t, target, kernelSource(target, `
void dma_erase(void *);
void __modinit__(void *arg) { core_log("a\n"); dma_erase(0); core_log("b\n"); }
`))
	r := simulate(t, target, elf, "csv")
	if r.code != ExitFailure || !strings.Contains(r.stderr, "dma_erase called: DMA is not supported") {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if r.stdout != "a\n" {
		t.Errorf("stdout = %q", r.stdout)
	}
}

func TestLoadRejects(t *testing.T) {
	needTools(t)
	dir := t.TempDir()
	notELF := filepath.Join(dir, "x.elf")
	os.WriteFile(notELF, []byte("this is not an ELF file, but long enough to have a header"), 0o644)
	var stderr bytes.Buffer
	code, err := Run(context.Background(), Options{Runtime: runtimeFor(t, "rv32g"), ELF: notELF, Stderr: &stderr})
	if code != ExitFailure || err != nil || stderr.String() != "simulator: load: not an ELF file\n" {
		t.Errorf("not an ELF: exit %d, err %v, stderr %q", code, err, stderr.String())
	}

	// A soft-float kernel cannot load in the double-float runtime.
	soft := buildKernel(t, "rv32ima", kernelSource("rv32ima", "void __modinit__(void *a) {}"))
	stderr.Reset()
	code, err = Run(context.Background(), Options{Runtime: runtimeFor(t, "rv32g"), ELF: soft, Stderr: &stderr})
	if code != ExitFailure || err != nil || !strings.Contains(stderr.String(), "e_flags 0x0, this runtime needs 0x4") {
		t.Errorf("wrong ABI: exit %d, err %v, stderr %q", code, err, stderr.String())
	}

	// No __modinit__.
	none := buildKernel(t, "rv32g", kernelSource("rv32g", "void other(void *a) {}"))
	stderr.Reset()
	code, _ = Run(context.Background(), Options{Runtime: runtimeFor(t, "rv32g"), ELF: none, Stderr: &stderr})
	if code != ExitFailure || !strings.Contains(stderr.String(), "does not define __modinit__") {
		t.Errorf("no entry: exit %d, stderr %q", code, stderr.String())
	}
}

func TestCrashIsFailure(t *testing.T) {
	target := "rv32g"
	elf := buildKernel(t, target, kernelSource(target, `
void __modinit__(void *arg) { *(volatile int *)16 = 1; }
`))
	r := simulate(t, target, elf, "csv")
	if r.code != ExitFailure || r.err == nil || !strings.Contains(r.err.Error(), "crashed") {
		t.Fatalf("exit %d, err %v, stderr %q", r.code, r.err, r.stderr)
	}
}

// The runtime picks a target from the ELF when no runtime is given; the
// rv32ima runtime must then also agree on now's low word at +4.
func TestELFTarget(t *testing.T) {
	for _, target := range RuntimeTargets() {
		elf := buildKernel(t, target, kernelSource(target, "void __modinit__(void *a) {}"))
		got, err := ELFTarget(elf)
		if err != nil || got != target {
			t.Errorf("ELFTarget(%s kernel) = %q, %v", target, got, err)
		}
	}
}

func TestRuntimeDeterministic(t *testing.T) {
	tools := needTools(t)
	var outs [][]byte
	for i := 0; i < 2; i++ {
		dir := t.TempDir()
		out := filepath.Join(dir, "nested", "rt")
		os.MkdirAll(filepath.Dir(out), 0o755)
		if err := BuildRuntime(context.Background(), tools, out); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(data, []byte(os.TempDir())) || bytes.Contains(data, []byte(dir)) {
			t.Errorf("runtime contains a temporary path")
		}
		outs = append(outs, data)
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Errorf("two builds differ (%d vs %d bytes)", len(outs[0]), len(outs[1]))
	}
}

// DefaultRuntime builds into the user cache; point the cache at a temp dir.
func TestDefaultRuntimeCache(t *testing.T) {
	needTools(t)
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	defaultRuntimes.Lock()
	saved := defaultRuntimes.paths
	defaultRuntimes.paths = nil
	defaultRuntimes.Unlock()
	defer func() {
		defaultRuntimes.Lock()
		defaultRuntimes.paths = saved
		defaultRuntimes.Unlock()
	}()
	p, err := DefaultRuntime()
	if err != nil {
		t.Fatal(err)
	}
	if dir := filepath.Join(cache, "rules_artiq"); filepath.Dir(p) != dir || !strings.HasPrefix(filepath.Base(p), "simrt-rv32g-") {
		t.Errorf("DefaultRuntime() = %s, want a file in %s", p, dir)
	}
	entries, _ := os.ReadDir(filepath.Dir(p))
	if len(entries) != 1 {
		t.Errorf("cache holds %d entries, want exactly the runtime (no temp files)", len(entries))
	}
	want, _ := os.ReadFile(runtimeFor(t, "rv32g"))
	got, _ := os.ReadFile(p)
	if !bytes.Equal(got, want) {
		t.Errorf("cached runtime differs from a direct build")
	}
}
