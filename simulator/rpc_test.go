package simulator

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// These tests drive the runtime's RPC ABI from C kernels with hand-written
// tags, so that the runtime and the host are checked on their own, not only
// through the compiler (tests/conformance has the compiled programs).

const rpcKernelPrelude = `
struct str { const char *ptr; uint32_t len; };
struct list { void *ptr; uint32_t len; };
void rpc_send(uint32_t service, const struct str *tag, void **args);
void rpc_send_async(uint32_t service, const struct str *tag, void **args);
int32_t rpc_recv(void *slot);
#define TAG(s) static const struct str tag_##__LINE__ = {s, sizeof(s) - 1}
static uint8_t heap[1 << 16] __attribute__((aligned(8)));
static uint32_t top;
static void receive(void *slot) {
	void *p = slot;
	for (;;) {
		int32_t n = rpc_recv(p);
		if (n == 0)
			return;
		p = heap + top;
		top += ((uint32_t)n + 7u) & ~7u;
	}
}
`

const rpcKernel = `
struct triple { uint8_t flag; int64_t wide; double x; };  /* t\x03bIf */
struct kw_f { struct str name; double value; };           /* kf */
struct pair { int32_t n; struct str s; };                  /* t\x02is */

void __modinit__(void *arg) {
	(void)arg;
	static const struct str tag_add = {"ii:i", 4};
	int32_t a = 20, b = 22;
	void *args_add[] = {&a, &b};
	rpc_send(1, &tag_add, args_add);
	int32_t sum = 0;
	receive(&sum);
	core_log("kernel: add=%d\n", sum);

	static const struct str tag_mix = {"t\x03" "bIfliskf:ls", 13};
	struct triple t = {1, 1LL << 40, 0.25};
	int32_t xs[] = {3, -4, 5};
	struct list l = {xs, 3};
	struct str s = {"abc", 3};
	struct kw_f kw = {{"scale", 5}, 2.0};
	void *args_mix[] = {&t, &l, &s, &kw};
	rpc_send(2, &tag_mix, args_mix);
	struct list words = {0, 0};
	receive(&words);
	for (uint32_t i = 0; i < words.len; i++) {
		struct str *w = (struct str *)words.ptr + i;
		core_log("kernel: word %.*s\n", (int)w->len, w->ptr);
	}

	static const struct str tag_pairs = {"i:lt\x02is", 8};
	int32_t n = 3;
	void *args_pairs[] = {&n};
	rpc_send(3, &tag_pairs, args_pairs);
	struct list pairs = {0, 0};
	receive(&pairs);
	for (uint32_t i = 0; i < pairs.len; i++) {
		struct pair *p = (struct pair *)pairs.ptr + i;
		core_log("kernel: pair %d %.*s\n", p->n, (int)p->s.len, p->s.ptr);
	}

	static const struct str tag_note = {"i:n", 3};
	for (int32_t i = 0; i < 600; i++) {
		void *args_note[] = {&i};
		rpc_send_async(4, &tag_note, args_note);
	}
	core_log("kernel: notes sent\n");

	static const struct str tag_fail = {":n", 2};
	rpc_send(5, &tag_fail, 0);
	char dummy;
	receive(&dummy);
	core_log("kernel: not reached\n");
}
`

const rpcHostProgram = `# host side of rpc_test.go
class Interlock(Exception):
    pass

@rpc
def add(a: int32, b: int32) -> int32:
    print("host: add", a, b)
    return a + b

@rpc
def mix(t, xs, s, scale=1.0) -> list[str]:
    print("host: mix", t, xs, repr(s), scale)
    return [s * 2, "", "%d" % (sum(xs) * scale)]

@rpc
def pairs(n: int32) -> list[tuple[int32, str]]:
    return [(i, "p" * i) for i in range(n)]

@rpc(flags={"async"})
def note(i: int32):
    if i % 200 == 0:
        print("host: note", i)

@rpc
def fail():
    raise Interlock("door open")

print("kernel statement: must not run on the host")
`

const rpcTables = `{
  "entry": "prog.run",
  "rpc": [
    {"async": false, "function": "prog.add", "service": 1},
    {"async": false, "function": "prog.mix", "service": 2},
    {"async": false, "function": "prog.pairs", "service": 3},
    {"async": true, "function": "prog.note", "service": 4},
    {"async": false, "function": "prog.fail", "service": 5}
  ]
}
`

func needPython(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 not in PATH")
	}
}

func writeRPCHost(t *testing.T) (prog, tables string) {
	t.Helper()
	dir := t.TempDir()
	prog = filepath.Join(dir, "prog.py")
	tables = filepath.Join(dir, "prog.tables.json")
	if err := os.WriteFile(prog, []byte(rpcHostProgram), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(tables, []byte(rpcTables), 0o644); err != nil {
		t.Fatal(err)
	}
	return prog, tables
}

func TestRPC(t *testing.T) {
	needPython(t)
	for _, target := range RuntimeTargets() {
		t.Run(target, func(t *testing.T) {
			elf := buildKernel(t, target, kernelSource(target, rpcKernelPrelude+rpcKernel))
			if ok, err := MakesRPCs(elf); !ok || err != nil {
				t.Fatalf("MakesRPCs = %v, %v", ok, err)
			}
			prog, tables := writeRPCHost(t)
			r := simulate(t, target, elf, "csv", func(o *Options) {
				o.Tables = tables
				o.HostProgram = prog
			})
			if r.code != ExitException || r.err != nil {
				t.Fatalf("exit %d, err %v, stderr:\n%s", r.code, r.err, r.stderr)
			}
			want := "host: add 20 22\n" +
				"kernel: add=42\n" +
				"host: mix (True, 1099511627776, 0.25) [3, -4, 5] 'abc' 2.0\n" +
				"kernel: word abcabc\n" +
				"kernel: word \n" +
				"kernel: word 8\n" +
				"kernel: pair 0 \n" +
				"kernel: pair 1 p\n" +
				"kernel: pair 2 pp\n" +
				"host: note 0\n" +
				"host: note 200\n" +
				"host: note 400\n" +
				"kernel: notes sent\n"
			if r.stdout != want {
				t.Errorf("stdout =\n%s\nwant\n%s", r.stdout, want)
			}
			if r.exn == nil || r.exn.Message != "door open" || r.exn.Function != "prog.fail" || r.exn.Line != 26 {
				t.Errorf("exception = %+v", r.exn)
			}
			if !strings.Contains(r.stderr, "Interlock: door open") || !strings.Contains(r.stderr, `raise Interlock("door open")`) {
				t.Errorf("report does not name the host exception and its line:\n%s", r.stderr)
			}
		})
	}
}

func TestRPCWithoutHost(t *testing.T) {
	target := "rv32g"
	elf := buildKernel(t, target, kernelSource(target, rpcKernelPrelude+rpcKernel))
	r := simulate(t, target, elf, "csv")
	if r.code != ExitFailure || !strings.Contains(r.stderr, "no RPC host is attached") {
		t.Errorf("exit %d, err %v, stderr:\n%s", r.code, r.err, r.stderr)
	}
}

func TestRPCHostLoadFailure(t *testing.T) {
	needPython(t)
	target := "rv32g"
	elf := buildKernel(t, target, kernelSource(target, rpcKernelPrelude+rpcKernel))
	prog, tables := writeRPCHost(t)
	if err := os.WriteFile(prog, []byte("import no_such_module_anywhere\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := simulate(t, target, elf, "csv", func(o *Options) {
		o.Tables = tables
		o.HostProgram = prog
	})
	if r.code != ExitFailure || r.err == nil || !strings.Contains(r.err.Error(), "RPC host") ||
		!strings.Contains(r.stderr, "no_such_module_anywhere") {
		t.Errorf("exit %d, err %v, stderr:\n%s", r.code, r.err, r.stderr)
	}
}

func TestMakesRPCsFalse(t *testing.T) {
	target := "rv32g"
	elf := buildKernel(t, target, kernelSource(target, pulsesKernel))
	if ok, err := MakesRPCs(elf); ok || err != nil {
		t.Errorf("MakesRPCs = %v, %v for a kernel without RPCs", ok, err)
	}
}
