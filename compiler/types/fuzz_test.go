package types_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rules-artiq/rules_artiq/compiler/lower"
	"github.com/rules-artiq/rules_artiq/compiler/syntax/parse"
	"github.com/rules-artiq/rules_artiq/compiler/target"
	"github.com/rules-artiq/rules_artiq/compiler/types"
)

// seedDirs hold kernel programs: the conformance corpus (programs, negative
// programs and pending ones) and the examples.
var seedDirs = []string{
	"../../tests/conformance/testdata",
	"../../examples",
}

func addCheckSeeds(f *testing.F) {
	f.Add([]byte(""))
	f.Add([]byte("x = 1\nprint(x)\n"))
	f.Add([]byte("@kernel\ndef run() -> None:\n    delay_mu(int64(10))\n"))
	f.Add([]byte("def f(a, b=2):\n    return a + b\nprint(f(1), f(1.5, b=2.0))\n"))
	f.Add([]byte("class C:\n    k = 3\n    def __init__(self, v: int32):\n        self.v = v\n    def g(self) -> int32:\n        return self.v + self.k\nprint(C(1).g())\n"))
	f.Add([]byte("try:\n    raise ValueError(\"x\")\nexcept (ValueError, IndexError) as e:\n    print(e)\nfinally:\n    pass\n"))
	f.Add([]byte("xs = [i * j for i in range(3) for j in range(i) if j]\nxs[1:2] = [5]\nprint(xs[::-1], (1, 2.5) + (True,))\n"))
	f.Add([]byte("with parallel:\n    delay(1*us)\n    with sequential:\n        delay_mu(int64(3))\n"))
	n := 0
	for _, dir := range seedDirs {
		filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".py") {
				return nil
			}
			if src, err := os.ReadFile(path); err == nil {
				f.Add(src)
				n++
			}
			return nil
		})
	}
	if n == 0 {
		f.Fatalf("no seed programs found under %v", seedDirs)
	}
}

// FuzzCheck parses, checks (as a standalone program and as a library
// module) and lowers arbitrary input. The property: no phase panics.
// Errors are fine; a module that checks without errors must lower.
func FuzzCheck(f *testing.F) {
	addCheckSeeds(f)
	tgt, err := target.Lookup("rv32g")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file, perrs := parse.Parse("fuzz.py", src)
		if len(perrs) > 0 || file == nil {
			return
		}
		for _, standalone := range []bool{true, false} {
			// Parse again: the checker may annotate the tree.
			file, _ := parse.Parse("fuzz.py", src)
			info, errs := types.Check(file, types.Config{Module: "fuzz", Standalone: standalone})
			if len(errs) > 0 {
				for _, d := range errs {
					if d.Msg == "" {
						t.Fatalf("empty diagnostic at %v", d.Pos)
					}
				}
				continue
			}
			m, err := lower.Module(info, tgt)
			if err != nil {
				continue
			}
			_ = m.String()
		}
	})
}
