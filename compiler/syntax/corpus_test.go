package syntax

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCorpus parses every kernel module in the repository's examples/ and
// tests/ trees, and in testdata/kernels: all of them must parse cleanly,
// except programs with a golden NAME.err file (expected diagnostics) and
// host-side Python that only uses features kernels do not support.
func TestCorpus(t *testing.T) {
	var files []string
	for _, root := range []string{"testdata/kernels", "../../examples", "../../tests"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(path, ".py") {
				files = append(files, path)
			}
			return nil
		})
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	if len(files) == 0 {
		t.Fatal("no .py files found; testdata/kernels should hold some")
	}
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, errs := Parse(path, src)
		if golden, err := os.ReadFile(strings.TrimSuffix(path, ".py") + ".err"); err == nil {
			// A program that is meant to fail: if it fails here, the
			// golden diagnostics must start with our first error.
			first, _, _ := strings.Cut(string(golden), "\n")
			if len(errs) > 0 {
				e := errs[0]
				if want := fmt.Sprintf(":%d:%d: error: %s", e.Pos.Line, e.Pos.Col, e.Msg); !strings.HasSuffix(first, want) {
					t.Errorf("%s: first error %q, golden says %q", path, want, first)
				}
			}
			continue
		}
		if len(errs) > 0 {
			if onlyUnsupported(errs) {
				// Host-side Python next to kernel code: well-formed,
				// but using what kernels do not have.
				t.Logf("%s: not a kernel module: %s", path, errs[0].Msg)
			} else {
				t.Errorf("%v", errs)
			}
			continue
		}
		if len(f.Body) == 0 && len(strings.TrimSpace(string(src))) > 0 && !onlyComments(string(src)) {
			t.Errorf("%s: parsed to an empty file", path)
		}
	}
	t.Logf("parsed %d files", len(files))
}

func onlyComments(src string) bool {
	for _, line := range strings.Split(src, "\n") {
		if l := strings.TrimSpace(line); l != "" && !strings.HasPrefix(l, "#") {
			return false
		}
	}
	return true
}

func onlyUnsupported(errs ErrorList) bool {
	for _, e := range errs {
		if !strings.HasSuffix(e.Msg, "not supported in kernels") {
			return false
		}
	}
	return true
}
