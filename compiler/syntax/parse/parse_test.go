package parse

import (
	"strings"
	"testing"

	"github.com/rules-artiq/rules_artiq/compiler/diag"
)

func TestParse(t *testing.T) {
	f, l := Parse("ok.py", []byte("@kernel\ndef f(x: int32) -> int32:\n    return x + 1\n"))
	if len(l) != 0 || f == nil || len(f.Body) != 1 {
		t.Fatalf("good input: file %v, diagnostics %v", f, l)
	}

	src := []byte("x = 1 +\ny = a b\n")
	_, l = Parse("bad.py", src)
	if len(l) != 2 {
		t.Fatalf("got %d diagnostics, want 2: %v", len(l), l)
	}
	var b strings.Builder
	diag.Render(&b, l, map[string][]byte{"bad.py": src})
	want := "bad.py:1:8: error: expected expression\n" +
		"  x = 1 +\n" +
		"         ^\n" +
		"bad.py:2:7: error: invalid syntax: unexpected name 'b'\n" +
		"  y = a b\n" +
		"        ^\n" +
		"  hint: is a ',' or an operator missing?\n"
	if b.String() != want {
		t.Errorf("rendered:\n%s\nwant:\n%s", b.String(), want)
	}
}
