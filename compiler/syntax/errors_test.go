package syntax

import (
	"fmt"
	"strings"
	"testing"
)

// errorsOf parses src and returns its errors as "line:col: msg" lines.
func errorsOf(src string) string {
	_, errs := Parse("t.py", []byte(src))
	var ms []string
	for _, e := range errs {
		ms = append(ms, fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Col, e.Msg))
	}
	return strings.Join(ms, "\n")
}

// TestErrors checks the message and position of every error for bad
// input, including that one mistake gives one error.
func TestErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"if x\n    pass",
			"1:5: expected ':' after if condition"},
		{"if x y:\n    pass",
			"1:6: expected ':' after if condition"},
		{"while x\n    pass",
			"1:8: expected ':' after while condition"},
		{"for x in y\n    pass",
			"1:11: expected ':' after for loop header"},
		{"def f()\n    pass",
			"1:8: expected ':' after function signature"},
		{"def f():\nreturn 1",
			"2:1: expected an indented block after 'def' statement on line 1"},
		{"if x:\npass",
			"2:1: expected an indented block after 'if' statement on line 1"},
		{"x = 1\nclass C:\n\n# c\ny = 2",
			"5:1: expected an indented block after 'class' statement on line 2"},
		{"x = (1,\ny = 2",
			"1:5: '(' was never closed"},
		{"x = \n",
			"1:4: expected expression"},
		{"x = 1 +",
			"1:8: expected expression"},
		{"(1 +)",
			"1:5: expected expression"},
		{"f() = 1",
			"1:1: cannot assign to function call"},
		{"1 = x",
			"1:1: cannot assign to literal"},
		{"a + 1 = 2",
			"1:1: cannot assign to expression"},
		{"True = 1",
			"1:1: cannot assign to True"},
		{"... = 1",
			"1:1: cannot assign to ellipsis"},
		{"del f()",
			"1:5: cannot delete function call"},
		{"(a, b) += 1",
			"1:1: 'tuple' is an illegal expression for augmented assignment"},
		{"a, b: int = 1",
			"1:1: only single target (not tuple) can be annotated"},
		{"f(x=1, y)",
			"1:8: positional argument follows keyword argument"},
		{"f(**a, b)",
			"1:8: positional argument follows keyword argument unpacking"},
		{"f(a.b=1)",
			"1:3: expression cannot contain assignment, perhaps you meant \"==\"?"},
		{"f(a for a in b)",
			"1:5: generator expressions are not supported in kernels"},
		{"f(x=1, x=2)",
			"1:8: keyword argument repeated: x"},
		{"def f(a=1, b): pass",
			"1:12: non-default argument follows default argument"},
		{"def f(*): pass",
			"1:7: named arguments must follow bare *"},
		{"def f(**a, b): pass",
			"1:12: arguments cannot follow var-keyword argument"},
		{"def f(a, a): pass",
			"1:10: duplicate argument 'a' in function definition"},
		{"def f(a, /): pass",
			"1:10: positional-only parameters ('/') are not supported in kernels"},
		{"raise X from Y",
			"1:9: 'raise ... from ...' is not supported in kernels"},
		{"try:\n    pass\nx = 1",
			"3:1: expected 'except' or 'finally' block"},
		{"try:\n    pass\nexcept: pass\nexcept A: pass",
			"3:1: default 'except:' must be last"},
		{"else: pass",
			"1:1: 'else' does not follow an 'if', 'for', 'while' or 'try' block"},
		{"x = 1 if y",
			"1:11: expected 'else' after 'if' expression"},
		{"x = 1 2",
			"1:7: invalid syntax: unexpected number"},
		{"print 'a'",
			"1:1: missing parentheses in call to 'print'; did you mean print(...)?"},
		{"match x:\n    case 1: pass",
			"1:1: match statements are not supported in kernels"},
		{"  x = 1",
			"1:3: unexpected indent"},
		{"if x:\n    a\n  b",
			"3:3: unindent does not match any outer indentation level"},
		{"x = await y",
			"1:5: 'await' is not supported in kernels"},
		{"x = yield",
			"1:5: 'yield' is not supported in kernels"},
		{"async def f(): pass",
			"1:1: 'async' is not supported in kernels"},
		{"x := 1",
			"1:3: assignment expressions (':=') are not supported in kernels"},
		{"if (x := 1): pass",
			"1:7: assignment expressions (':=') are not supported in kernels"},
		{"class A(metaclass=M): pass",
			"1:9: keyword arguments in class bases are not supported in kernels"},
		{"from x import a,",
			"1:17: trailing comma not allowed without surrounding parentheses"},
		{"import a.b as",
			"1:14: expected a name after 'as'"},
		{"x = {**a}",
			"1:6: dict unpacking ('**') is not supported in kernels"},
		{"x = {a: b for a in c}",
			"1:11: dict comprehensions are not supported in kernels"},
		{"x = {a for a in c}",
			"1:8: set comprehensions are not supported in kernels"},
		{"x = (a for a in c)",
			"1:8: generator expressions are not supported in kernels"},
		{"b'a' 'b'",
			"1:6: cannot mix bytes and nonbytes literals"},
		{"@dec\nx = 1",
			"2:1: expected 'def' or 'class' after decorator"},
		{"except: pass",
			"1:1: 'except' does not follow a 'try' block"},
		{"x = 3j",
			"1:5: imaginary numbers are not supported in kernels"},
		{"x = [1, 2\ny = 3",
			"1:5: '[' was never closed"},
		{"x = lambda: (yield)",
			"1:14: 'yield' is not supported in kernels"},
		{"def f(x):\n    return x +\n\ndef g(y):\n    return y *\n",
			"2:15: expected expression\n5:15: expected expression"},
		{"for 1 in x: pass",
			"1:5: cannot assign to literal"},
		{"with a as f(): pass",
			"1:11: cannot assign to function call"},
		{"x = a not b",
			"1:11: expected 'in' after 'not' in comparison"},
		{"try:\n    pass\nexcept* E: pass",
			"3:7: 'except*' is not supported in kernels"},
		{"a, *b, *c = d",
			"1:8: multiple starred expressions in assignment"},
		{"*a = b",
			"1:1: starred assignment target must be in a list or tuple"},
		{"x = (*a)",
			"1:6: cannot use starred expression here"},
		{"x = [1, 2 3]",
			"1:11: expected ',' or ']' in list"},
		{"x = {1: 2, 3}",
			"1:13: expected ':' after dict key"},
		{"x = a[1:2:3:4]",
			"1:12: expected ',' or ']' in subscript"},
		{"from import x",
			"1:6: expected module name after 'from'"},
		{"x = 1 = 2",
			"1:5: cannot assign to literal"},
		{"if x:\n    pass\n  else:\n    pass",
			"3:3: unindent does not match any outer indentation level"},
		{"class A:\n    def f(self):\n        return (1 +\n    def g(self): pass",
			"3:16: '(' was never closed"},
		{"x = [1, 2)\ny = 2",
			"1:10: closing parenthesis ')' does not match opening parenthesis '['"},
		{"@kernel\n    def f(): pass",
			"2:5: unexpected indent"},
		{"try: pass\nexcept A, B: pass",
			"2:8: multiple exception types must be parenthesized"},
		{"x = 0b",
			"1:7: invalid binary literal"},
	}
	for _, tt := range tests {
		if got := errorsOf(tt.src); got != tt.want {
			t.Errorf("Parse(%q) errors:\n got  %s\n want %s", tt.src, got, tt.want)
		}
	}
}

func TestErrorRecovery(t *testing.T) {
	// Independent mistakes on different statements are all reported, and
	// the statements around them survive in the partial file.
	src := "a = 1\nb = \nc = 3\nif d\n    e = 4\nf = g h\ni = 5\n"
	f, errs := Parse("t.py", []byte(src))
	want := "2:4: expected expression\n4:5: expected ':' after if condition\n6:7: invalid syntax: unexpected name 'h'"
	if got := errorsOf(src); got != want {
		t.Errorf("errors:\n got  %s\n want %s", got, want)
	}
	if got, want := Sprint(f), "(= a 1)\n(= c 3)\n(= i 5)"; got != want {
		t.Errorf("partial file:\n got  %s\n want %s", got, want)
	}
	if errs[0].File != "t.py" || errs[2].Hint == "" {
		t.Errorf("error fields: %+v", *errs[2])
	}
}

func TestErrorLimit(t *testing.T) {
	src := strings.Repeat("x = \n", 50)
	_, errs := Parse("t.py", []byte(src))
	if len(errs) != maxErrors {
		t.Errorf("got %d errors, want %d", len(errs), maxErrors)
	}
	for i, e := range errs {
		if e.Pos.Line != int32(i+1) {
			t.Errorf("error %d at line %d, want sorted by line", i, e.Pos.Line)
		}
	}
}

func TestNestingLimit(t *testing.T) {
	deep := map[string]string{
		"unary":   "x = " + strings.Repeat("-", 300) + "1\n",
		"not":     "x = " + strings.Repeat("not ", 300) + "1\n",
		"power":   "x = " + strings.Repeat("2**", 300) + "1\n",
		"lambda":  "x = " + strings.Repeat("lambda: ", 300) + "1\n",
		"ifexp":   "x = " + strings.Repeat("a if b else ", 300) + "1\n",
		"parens":  "x = " + strings.Repeat("(", 150) + strings.Repeat("-", 60) + "1" + strings.Repeat(")", 150) + "\n",
		"call":    "x = " + strings.Repeat("f(", 150) + strings.Repeat("-", 60) + "1" + strings.Repeat(")", 150) + "\n",
		"default": "def f(a=" + strings.Repeat("-", 300) + "1): pass\n",
	}
	for name, src := range deep {
		got := errorsOf(src)
		if !strings.HasSuffix(got, "expression nested too deeply") || strings.Count(got, "\n") > 0 {
			t.Errorf("%s: got %q, want one nesting error", name, got)
		}
	}
	// Brackets alone stay within the limit up to the scanner's own limit.
	if got := errorsOf("x = " + strings.Repeat("[", 199) + strings.Repeat("]", 199) + "\n"); got != "" {
		t.Errorf("199 brackets: %s", got)
	}
	// Just below the limit is fine.
	if got := errorsOf("x = " + strings.Repeat("-", 150) + "1\n"); got != "" {
		t.Errorf("150 unary minus: %s", got)
	}
	// Long flat chains are iterative, not nested.
	if got := errorsOf("x = 1" + strings.Repeat(" + 1", 10000) + "\n"); got != "" {
		t.Errorf("long chain: %s", got)
	}
}
