package driver

import (
	"strings"
	"testing"
)

// Kernels call methods of host objects that are not kernel code as RPCs
// (compiler/types/rpcmethod.go): the object goes first with tag 'O', the
// service number is the link's (__rpcm.module.Class.method).
const rpcExpSrc = `from artiq.experiment import *


class Helper:
    @kernel
    def nothing(self):
        pass


class Exp(EnvExperiment):
    def build(self):
        self.setattr_device("dev")

    def report(self, i, n) -> TInt32:
        return n + 1

    @rpc(flags={"async"})
    def log(self, values: TList(TFloat)):
        print(values)

    @staticmethod
    def table(key) -> TFloat:
        return 1.0

    @host_only
    def secret(self):
        pass

    def make(self) -> Helper:
        return Helper()

    def table2(self) -> dict:
        return {}

    @property
    def size(self):
        return 3

    @kernel
    def run(self):
        total = self.report(1, 2)
        self.log([1.0, 2.0])
        self.set_dataset("total", total, broadcast=True)
        self.append_to_dataset("trace", 1.5)
        self.mutate_dataset("trace", 0, 2.5)
        x = self.table("a")
`

func TestMethodRPCs(t *testing.T) {
	res, err := compileWith(t, drvSnap, "exp", rpcExpSrc, nil)
	if err != nil {
		t.Fatalf("exp: %s", diagText(err))
	}
	ir := string(res.IR)
	for _, want := range []string{
		`@__rpcm.exp.Exp.report = external hidden constant i32`,
		`@__rpcm_async.exp.Exp.log = external hidden constant i32`,
		`@__rpcm.exp.Exp.set_dataset = external hidden constant i32`,
		`@__rpcm.exp.Exp.append_to_dataset = external hidden constant i32`,
		`@__rpc.exp.Exp.table = external hidden constant i32`, // static: no object
		`c"Oii:i\00"`, // the object, then the arguments
		`c"Olf:n\00"`,
		`c"Osikb:n\00"`, // set_dataset(key, value, broadcast=True): the keyword is sent
		`c"s:f\00"`,
		`call void @rpc_send_async(`,
	} {
		if !strings.Contains(ir, want) {
			t.Errorf("IR lacks %s", want)
		}
	}
	iface := string(res.Interface)
	for _, want := range []string{
		`rpc Exp.report(i: ?, n: ?) -> int32`,
		`rpc async Exp.log(values: list[float]) -> None`,
		`rpc static Exp.table(key: ?) -> float`,
		`rpc Exp.set_dataset(key: ?, value: ?, broadcast: ? = ..., persist: ? = ..., archive: ? = ..., save: ? = ..., *, unit: ? = ..., scale: ? = ..., precision: ? = ...) -> None`,
		`broken Exp.secret host "calls" "Exp.secret" "host code marked @host_only`,
		`broken Exp.size host "calls" "Exp.size" "a property of a host class"`,
	} {
		if !strings.Contains(iface, want) {
			t.Errorf("interface lacks %s:\n%s", want, iface)
		}
	}
}

// Method RPCs that cannot be: the diagnostics name the method and point
// at the call.
func TestMethodRPCErrors(t *testing.T) {
	for _, tc := range []struct{ call, want string }{
		{"self.secret()", `exp.py:41:14: error: kernel Exp.run calls Exp.secret, which is host code marked @host_only: kernels cannot call it, not even through an RPC`},
		{"self.size()", `exp.py:41:14: error: size is a property of host class exp.Exp: kernels cannot call it`},
		{"self.report(1, Helper())", `exp.py:41:24: error: cannot pass Helper to host method exp.Exp.report: instances of kernel classes cannot cross to the host`},
		{"self.report(1)", `exp.py:41:9: error: Exp.report() missing required argument "n"`},
		{"self.set_dataset(\"x\", 1, colour=2)", `exp.py:41:34: error: Exp.set_dataset() got an unexpected keyword argument "colour"`},
		{"self.log([1, 2], 3)", `Exp.log() takes 1 positional argument but 2 were given`},
		{"x = self.log([1.0])\n        y = x + 1", `type mismatch`},
		{"h = self.make()", `exp.py:41:13: error: host method exp.Exp.make cannot return Helper to a kernel: instances of kernel classes cannot cross to the host`},
		{"d = self.table2()", `exp.py:41:13: error: kernels cannot call host method exp.Exp.table2: its return annotation is not a kernel type`},
	} {
		src := strings.Replace(rpcExpSrc, "        total = self.report(1, 2)\n", "        "+tc.call+"\n        total = self.report(1, 2)\n", 1)
		_, err := compileWith(t, drvSnap, "exp", src, nil)
		got := diagText(err)
		if !strings.Contains(got, tc.want) {
			t.Errorf("%s: got\n%s\nwant %s", tc.call, got, tc.want)
		}
	}
}

// A host method of a driver class, called from another module's kernel
// through the driver's interface, and one of a kernel's own instance.
func TestMethodRPCAcrossModules(t *testing.T) {
	drv, err := compileWith(t, drvSnap, "lib.drv", drvSrc, nil)
	if err != nil {
		t.Fatalf("lib.drv: %s", diagText(err))
	}
	src := "from artiq.experiment import *\nclass Exp(EnvExperiment):\n    @kernel\n    def run(self):\n        n = self.dev.record(3, flush=True)\n"
	res, err := compileWith(t, drvSnap, "exp", src, map[string][]byte{"lib.drv": drv.Interface})
	if err != nil {
		t.Fatalf("exp: %s", diagText(err))
	}
	ir := string(res.IR)
	for _, want := range []string{`@__rpcm.lib.drv.Dev.record = external hidden constant i32`, `c"Oikb:i\00"`} {
		if !strings.Contains(ir, want) {
			t.Errorf("IR lacks %s:\n%s", want, ir)
		}
	}
}
