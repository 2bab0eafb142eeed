package syntax

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// lineCount counts source lines the way the scanner does: "\n", "\r\n"
// and a lone "\r" each end a line; the text after the last break is a line.
func lineCount(src []byte) int32 {
	n := int32(1)
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			n++
		case '\r':
			n++
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
		}
	}
	return n
}

func addSeeds(f *testing.F) {
	f.Add([]byte(""))
	f.Add([]byte("x = 1\n"))
	f.Add([]byte("if x:\n    y = (1,\n  2)\nelse:\n\tz = 'a' \"b\" b'c'\n"))
	f.Add([]byte("def f(a, *b, c=1, **d) -> int:\n    return [i for i in a if i] + {1: 2}[3:4:5]\n"))
	f.Add([]byte("x = 0x_1f + 1.5e-3 + 012 + 1j + '''\n"))
	f.Add([]byte("with (a as b, c):\n  try: pass\n  except E as e: raise\n"))
	f.Add([]byte("\ufeff@k\nclass C(A):\n  x: int = lambda a=1: -a**-2 if not a in b else c\n"))
	files, _ := filepath.Glob("testdata/kernels/*.py")
	for _, name := range files {
		if src, err := os.ReadFile(name); err == nil {
			f.Add(src)
		}
	}
}

func FuzzScan(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		lines := lineCount(src)
		check := func(what string, pos Pos) {
			if pos.Line < 1 || pos.Line > lines || pos.Col < 1 {
				t.Fatalf("%s at %s, outside the input's %d lines", what, pos, lines)
			}
		}
		var s scanner
		s.init(src, func(pos Pos, msg string) { check("error "+msg, pos) })
		// Every token but NEWLINE, INDENT and DEDENT consumes input, and
		// there are at most a few of those per line.
		limit := len(src) + 4*int(lines) + 8
		for i := 0; ; i++ {
			if i > limit {
				t.Fatalf("more than %d tokens: the scanner does not stop", limit)
			}
			s.next()
			check(s.tok.String(), s.pos)
			if s.tok == _EOF {
				break
			}
		}
	})
}

var posRE = regexp.MustCompile(`[@^(](\d+):(\d+)`)

// quotedRE matches the printer's %q string and bytes literals, whose text
// may look like a position ("(0:0").
var quotedRE = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

func FuzzParse(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		lines := lineCount(src)
		file, errs := Parse("fuzz.py", src)
		if file == nil {
			t.Fatal("nil file")
		}
		if len(errs) > maxErrors+1 {
			t.Fatalf("%d errors", len(errs))
		}
		for i, e := range errs {
			if e.Pos.Line < 1 || e.Pos.Line > lines || e.Pos.Col < 1 {
				t.Fatalf("error %q at %s, outside the input's %d lines", e.Msg, e.Pos, lines)
			}
			if e.File != "fuzz.py" || e.Msg == "" {
				t.Fatalf("bad error %+v", *e)
			}
			if i > 0 && e.Pos.Before(errs[i-1].Pos) {
				t.Fatalf("errors not sorted: %v", errs)
			}
		}
		// Every node position must be in the input, too.
		var b strings.Builder
		if err := Fprint(&b, file, true); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if len(errs) == 0 && strings.Contains(out, "(?") {
			t.Fatalf("unprintable node in %s", out)
		}
		for _, m := range posRE.FindAllStringSubmatch(quotedRE.ReplaceAllString(out, `""`), -1) {
			line, _ := strconv.Atoi(m[1])
			col, _ := strconv.Atoi(m[2])
			if line < 1 || int32(line) > lines || col < 1 {
				t.Fatalf("node at %s:%s outside the input's %d lines:\n%s", m[1], m[2], lines, out)
			}
		}
	})
}
