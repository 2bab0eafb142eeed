package syntax

import (
	"fmt"
	"strings"
	"testing"
)

// scanAll tokenizes src into a compact string, one item per token:
// names and literals show their value, NEWLINE/INDENT/DEDENT their kind.
func scanAll(src string) (string, []string) {
	var errs []string
	var s scanner
	s.init([]byte(src), func(pos Pos, msg string) {
		errs = append(errs, fmt.Sprintf("%s: %s", pos, msg))
	})
	var out []string
	for i := 0; i < 10000; i++ {
		s.next()
		var item string
		switch s.tok {
		case _Name:
			item = s.lit
		case _Int:
			item = "int(" + s.lit + ")"
		case _Float:
			item = fmt.Sprintf("float(%s=%g)", s.lit, s.fval)
		case _String:
			if s.bytes {
				item = fmt.Sprintf("b%q", s.lit)
			} else {
				item = fmt.Sprintf("%q", s.lit)
			}
		case _Newline:
			item = "NL"
		case _Indent:
			item = "INDENT"
		case _Dedent:
			item = "DEDENT"
		case _EOF:
			return strings.Join(out, " "), errs
		case _AugAssign:
			item = s.op.String() + "="
		default:
			item = s.tok.String()
		}
		out = append(out, item)
	}
	panic("scanner does not stop")
}

func TestScanTokens(t *testing.T) {
	tests := []struct{ src, want string }{
		{"", ""},
		{"\n\n# comment\n   \n", ""},
		{"x", "x NL"},
		{"x = 1\n", "x = int(1) NL"},
		{"if x:\n    y\n", "if x : NL INDENT y NL DEDENT"},
		{"if x:\n    y\n        z\nw\n", "if x : NL INDENT y NL INDENT z NL DEDENT DEDENT w NL"},
		{"if x:\n    y", "if x : NL INDENT y NL DEDENT"},
		{"if x:\n  y\n\n  # c\n  z\n", "if x : NL INDENT y NL z NL DEDENT"},
		{"f(a,\n  b)\nc\n", "f ( a , b ) NL c NL"},
		{"x = [1,\n\n# c\n2]\n", "x = [ int(1) , int(2) ] NL"},
		{"x = 1 + \\\n    2\n", "x = int(1) + int(2) NL"},
		{"a.b(c)[d]", "a . b ( c ) [ d ] NL"},
		{"a += 1; b //= 2; c **= 3; d >>= 4; e @= 5", "a += int(1) ; b //= int(2) ; c **= int(3) ; d >>= int(4) ; e @= int(5) NL"},
		{"-> := ... . == != <= >= < > << >> ** // ~ ^ | &", "-> := ... . == != <= >= < > << >> ** // ~ ^ | & NL"},
		{"x..y", "x . . y NL"},
		{"not in is lambda None True False", "not in is lambda None True False NL"},
		{"héllo _x1 ñ", "héllo _x1 ñ NL"},
		{"a\r\nb\rc\n", "a NL b NL c NL"},
		{"\ufeffx", "x NL"},
		{"x # comment", "x NL"},
		// numbers
		{"0 00 0_0 123 1_000 0x_FF 0XfF 0o17 0O1_7 0b1 0B1_0", "int(0) int(00) int(00) int(123) int(1000) int(0xFF) int(0XfF) int(0o17) int(0O17) int(0b1) int(0B10) NL"},
		{"1.0 .5 1. 1e3 1E-3 1_0.5_0 1.5e+2 012.5", "float(1.0=1) float(.5=0.5) float(1.=1) float(1e3=1000) float(1e-3=0.001) float(10.50=10.5) float(1.5e+2=150) float(012.5=12.5) NL"},
		{"1if x else 2", "int(1) if x else int(2) NL"},
		{"1e999", "float(1e999=+Inf) NL"},
		// strings
		{`'a' "b" '''c''' """d""" ''`, `"a" "b" "c" "d" "" NL`},
		{`"""a"b""c"""`, `"a\"b\"\"c" NL`},
		{"'''a\nb'''", `"a\nb" NL`},
		{`'\n\t\\\'\"\a\b\f\r\v\0\101\x41\u00e9\U0001F600'`, `"\n\t\\'\"\a\b\f\r\v\x00AAé😀" NL`},
		{`'\d\q'`, `"\\d\\q" NL`},
		{"'a\\\nb'", `"ab" NL`},
		{`r'\n\'' R"\d" rb'\x' Br"\"" u'x' U"y"`, `"\\n\\'" "\\d" b"\\x" b"\\\"" "x" "y" NL`},
		{`b'\x80\377\u00e9'`, `b"\x80\xff\\u00e9" NL`},
		{"x = 'a' 'b'", `x = "a" "b" NL`},
	}
	for _, tt := range tests {
		got, errs := scanAll(tt.src)
		if got != tt.want || len(errs) > 0 {
			t.Errorf("scan %q:\n got  %s %v\n want %s", tt.src, got, errs, tt.want)
		}
	}
}

func TestScanErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"if x:\n\ty\n        z\n", "3:9: inconsistent use of tabs and spaces in indentation"},
		{"if x:\n    a\n  b\n", "3:3: unindent does not match any outer indentation level"},
		{"012\n", "1:1: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"},
		{"0o8\n", "1:3: invalid digit '8' in octal literal"},
		{"0b102\n", "1:5: invalid digit '2' in binary literal"},
		{"0x\n", "1:3: invalid hexadecimal literal"},
		{"0xg\n", "1:3: invalid hexadecimal literal"},
		{"1__0\n", "1:1: invalid decimal literal"},
		{"1_\n", "1:1: invalid decimal literal"},
		{"1abc\n", "1:1: invalid decimal literal"},
		{"1.5j\n", "1:1: imaginary numbers are not supported in kernels"},
		{"x = 'abc\n", "1:5: unterminated string literal (detected at line 1)"},
		{"x = '''abc\n\n", "1:5: unterminated triple-quoted string literal (detected at line 3)"},
		{`'\xZZ'`, `1:2: truncated \x escape: expected 2 hexadecimal digits`},
		{`'\u12'`, `1:2: truncated \u escape: expected 4 hexadecimal digits`},
		{`'\U00110000'`, `1:2: illegal Unicode character \U00110000 in string literal`},
		{`'\ud800'`, `1:2: surrogate code points are not supported in kernel strings`},
		{`'\N{DASH}'`, `1:2: \N{...} escapes are not supported in kernels`},
		{`b'\777'`, `1:3: octal escape value 0777 out of range in bytes literal`},
		{"b'é'\n", "1:3: bytes can only contain ASCII literal characters"},
		{"a $ b\n", "1:3: invalid character '$' (U+0024)"},
		{"a € b\n", "1:3: invalid character '€' (U+20AC)"},
		{"a \u00a0b\n", "1:3: invalid non-printable character U+00A0"},
		{"x = \\ y\n", "1:6: unexpected character after line continuation character"},
		{"x = 1\\", "1:7: unexpected end of file after line continuation character"},
		{"f(a))\n", "1:5: unmatched ')'"},
		{"(]\n", "1:2: closing parenthesis ']' does not match opening parenthesis '('"},
		{"(\n]\n", "2:1: closing parenthesis ']' does not match opening parenthesis '(' on line 1"},
		{"x = [1,\n", "1:5: '[' was never closed"},
		{"a\x00b", "1:2: source code cannot contain null bytes"},
		{"a\xffb", "1:2: invalid UTF-8 encoding (source files must be UTF-8)"},
		{strings.Repeat("(", 201), "1:201: too many nested parentheses"},
	}
	for _, tt := range tests {
		_, errs := scanAll(tt.src)
		if len(errs) == 0 || errs[0] != tt.want {
			t.Errorf("scan %q: errors %q, want first %q", tt.src, errs, tt.want)
		}
	}
}

func TestScanDeepIndentation(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 120; i++ {
		fmt.Fprintf(&b, "%sif x:\n", strings.Repeat(" ", i))
	}
	_, errs := scanAll(b.String())
	if len(errs) != 1 || !strings.Contains(errs[0], "too many levels of indentation") {
		t.Errorf("errors %q, want too many levels of indentation", errs)
	}
}
