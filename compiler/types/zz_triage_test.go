package types_test

// TEMPORARY (not to be kept): FuzzCheck that skips already-known panics so
// fuzzing can go on to find new ones.

import (
	"fmt"
	"os"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/rules-artiq/rules_artiq/compiler/lower"
	"github.com/rules-artiq/rules_artiq/compiler/syntax/parse"
	"github.com/rules-artiq/rules_artiq/compiler/target"
	"github.com/rules-artiq/rules_artiq/compiler/types"
)

func FuzzTriage(f *testing.F) {
	addCheckSeeds(f)
	tgt, _ := target.Lookup("rv32g")
	known := strings.Split(os.Getenv("KNOWN"), "|")
	f.Fuzz(func(t *testing.T, src []byte) {
		defer func() {
			if r := recover(); r != nil {
				msg := fmt.Sprint(r) + "\n" + string(debug.Stack())
				for _, k := range known {
					if k != "" && strings.Contains(msg, k) {
						return
					}
				}
				panic(r)
			}
		}()
		file, perrs := parse.Parse("fuzz.py", src)
		if len(perrs) > 0 || file == nil {
			return
		}
		for _, standalone := range []bool{true, false} {
			file, _ := parse.Parse("fuzz.py", src)
			info, errs := types.Check(file, types.Config{Module: "fuzz", Standalone: standalone})
			if len(errs) > 0 {
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
