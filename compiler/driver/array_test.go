package driver

import (
	"strings"
	"testing"

	"github.com/rules-artiq/rules_artiq/compiler/target"
)

const arraysSrc = `import numpy as np
from artiq.language.types import TArray, TFloat, TInt32

@kernel
def mean(xs: TArray(TFloat)) -> TFloat:
    return xs.sum() / len(xs)

@kernel
def grid(n: TInt32) -> TArray(TInt32, 2):
    return np.zeros((n, n), dtype=np.int32)

@kernel
def scale(m: array[float, 2], k: float) -> array[float, 2]:
    return m * k

@kernel
def frame(payload: bytes, scratch: bytearray) -> bytes:
    return b"\x02" + payload + b"\x03"
`

// Arrays, bytes and bytearrays cross module boundaries: the interface
// records them in annotation syntax, and an importer calls the functions
// through it.
func TestInterfaceArraysAndBytes(t *testing.T) {
	tgt, _ := target.Lookup("rv32g")
	res, err := Frontend(&Unit{File: "lib/arrays.py", Source: []byte(arraysSrc), Module: "lib.arrays", Target: tgt}, false)
	if err != nil {
		t.Fatalf("front end: %v", err)
	}
	want := `kernel-interface 1
module lib.arrays
func frame(payload: bytes, scratch: bytearray) -> bytes
func grid(n: int32) -> array[int32, 2]
func mean(xs: array[float, 1]) -> float
func scale(m: array[float, 2], k: float) -> array[float, 2]
`
	if got := string(res.Interface); got != want {
		t.Fatalf("interface:\n%s\nwant:\n%s", got, want)
	}
	user := `import lib.arrays
import numpy

@kernel
def run() -> float:
    g = lib.arrays.grid(3)
    m = lib.arrays.scale(numpy.ones((2, 2)), 2.0)
    b = lib.arrays.frame(b"x", bytearray(2))
    return lib.arrays.mean(m[0]) + g[1, 1] + len(b)
`
	res2, err := Frontend(&Unit{File: "lib/user.py", Source: []byte(user), Module: "lib.user",
		Imports: map[string][]byte{"lib.arrays": res.Interface}, Target: tgt}, true)
	if err != nil {
		t.Fatalf("front end of the importer: %v", err)
	}
	ir := string(res2.IR)
	for _, decl := range []string{
		`declare hidden { i32*, i32, i32 } @lib.arrays.grid(i32 %0)`,
		`declare hidden { double*, i32, i32 } @lib.arrays.scale({ double*, i32, i32 } %0, double %1)`,
		`declare hidden double @lib.arrays.mean({ double*, i32 } %0)`,
		`declare hidden { i8*, i32 } @lib.arrays.frame({ i8*, i32 } %0, { i8*, i32 } %1)`,
	} {
		if !strings.Contains(ir, decl) {
			t.Errorf("the importer's IR lacks %s", decl)
		}
	}
	bad := `import lib.arrays

@kernel
def run() -> float:
    return lib.arrays.mean([1.0, 2.0])
`
	_, err = Frontend(&Unit{File: "lib/bad.py", Source: []byte(bad), Module: "lib.bad",
		Imports: map[string][]byte{"lib.arrays": res.Interface}, Target: tgt}, false)
	if err == nil || !strings.Contains(err.Error(), "expected array[float, 1], found list[float]") {
		t.Errorf("passing a list for an array: %v", err)
	}
}
