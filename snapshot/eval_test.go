package snapshot

import (
	"os/exec"
	"strings"
	"testing"
)

// evalExprs are Python expressions that device databases and build()
// methods use; TestEvalMatchesPython checks that the evaluator gives
// CPython's repr for each.
var evalExprs = []string{
	`1 + 2 * 3 - 4`, `7 // 2`, `-7 // 2`, `7 % -3`, `-7 % 3`, `7 / 2`, `2 ** 10`, `2 ** -1`, `(-2) ** 3`,
	`1 << 40`, `-1 >> 3`, `0xff & 0x0f | 0x100 ^ 3`, `~5`, `-(3)`, `+4.5`, `not 0`,
	`7.5 // 2`, `-7.5 // 2`, `7.5 % -2`, `-0.0 % 3`, `1e300 * 10`, `0.1 + 0.2`, `3 * 0.1`, `10 * 1e-6`,
	`1 == 1.0`, `1 < 2 < 3`, `3 > 2 > 2`, `"a" < "b"`, `[1, 2] < [1, 3]`, `(1, 2) == (1, 2)`, `None is None`,
	`1 if 0 else 2`, `0 or "x"`, `"" and 1`, `[] or [1]`, `2 in [1, 2]`, `"b" in "abc"`, `"k" not in {"k": 1}`,
	`"ttl" + str(3)`, `str(1.5)`, `str(1e-6)`, `str(True)`, `str(None)`, `str([1, "a", (2,)])`, `repr("it's")`,
	`repr('say "hi"')`, `repr("tab\tnew\n")`, `"x" * 3`, `[0] * 3`, `(1,) * 2`, `3 * "ab"`,
	`"ttl%d" % 5`, `"%s-%s" % ("a", 1)`, `"%05.2f" % 3.14159`, `"%x %X %o" % (255, 255, 8)`, `"%-5d|" % 42`,
	`"%+d % d" % (5, 5)`, `"%e" % 12345.678`, `"%g %g %g" % (0.0001, 123456789.0, 1.5)`, `"%r" % "q"`,
	`"%(a)s=%(b)d" % {"a": "x", "b": 2}`, `"%3s|%-3s|" % ("a", "b")`, `"%.3s" % "abcdef"`, `"%c" % 65`,
	`"%5.1f%%" % 99.5`, `"%#x" % 255`, `"%.0f" % 2.5`, `"%.0f" % 3.5`, `"%d" % 3.9`, `"%i" % -3`,
	`"{}_{}".format("a", 1)`, `"{0}{1}{0}".format("x", "y")`, `"{name}!".format(name="n")`, `"{:02d}".format(7)`,
	`"{:.3f}".format(1.0)`, `"{:>6}|{:<4}|{:^5}|".format("r", "l", "c")`, `"{:*^9}".format("mid")`,
	`"{:+.2e}".format(12345.6789)`, `"{:,}".format(1234567)`, `"{:_}".format(1234567)`, `"{:x}{:X}{:o}{:b}".format(255, 255, 8, 5)`,
	`"{:#x}".format(255)`, `"{}".format(1.0)`, `"{:.3}".format(1.0)`, `"{:g}".format(1e-7)`, `"{:%}".format(0.25)`,
	`"{!r}".format("s")`, `"{0[1]}".format([5, 6])`, `"{:.1f}".format(2.25)`, `"{:.1f}".format(0.05)`, `"{:10.4f}|".format(3.14159)`,
	`"{:08.3f}".format(-3.14159)`, `"{:d}".format(True)`, `"{}".format(True)`, `"{:5}|".format(True)`,
	`format(3.5, ".2f")`, `format(12, "04d")`, `"{{}}{}".format(1)`,
	`int("42")`, `int(" -7 ")`, `int(3.99)`, `int(-3.99)`, `int("ff", 16)`, `float("1e-3")`, `float("inf")`, `float(3)`,
	`round(2.5)`, `round(3.5)`, `round(-2.5)`, `round(1.2345, 2)`, `round(2.675, 2)`, `round(1234, -2)`, `round(1250, -2)`,
	`round(0.5)`, `abs(-3)`, `abs(-2.5)`, `min(3, 1, 2)`, `max([1, 5, 3])`, `min([], default=0)`, `max("abc", key=ord)`,
	`sum([1, 2, 3])`, `sum([0.1] * 10)`, `sum([1.5, 2], 10)`, `len("héllo")`, `len({1: 2, 3: 4})`, `len(range(0, 10, 3))`,
	`list(range(5))`, `list(range(10, 0, -3))`, `list(range(-5, 5, 4))`, `range(3)`, `range(1, 9, 2)`, `tuple("ab")`,
	`sorted([3, 1, 2])`, `sorted(["b", "a"], reverse=True)`, `sorted([(2, "a"), (1, "b")])`, `list(reversed([1, 2, 3]))`,
	`list(enumerate("ab", 1))`, `list(zip([1, 2, 3], "ab"))`, `dict(a=1, b=2)`, `dict([("x", 1), ("y", 2)])`,
	`{"a": 1, "b": [1, 2.5, None]}`, `{1: "x", 1.0: "y", True: "z"}`, `{(1, 2): "t"}`, `set()`, `sorted({3, 1, 2, 3})`,
	`[i * i for i in range(5) if i % 2 == 0]`, `[(i, j) for i in range(2) for j in "ab"]`, `any([0, 0, 1])`, `all([])`,
	`divmod(-7, 2)`, `divmod(7.5, 2)`, `pow(2, 8)`, `hex(255)`, `oct(8)`, `bin(5)`, `hex(-1)`, `chr(65) + str(ord("a"))`,
	`"a,b,,c".split(",")`, `"  a b  ".split()`, `"a.b.c".rsplit(".", 1)`, `"a.b.c".split(".", 1)`, `",".join(["x", "y"])`,
	`"Hello".upper() + "Hello".lower()`, `"  x ".strip() + "|" + "xxaxx".strip("x")`, `"abc".startswith(("x", "a"))`,
	`"abc".endswith("bc")`, `"aaa".replace("a", "b", 2)`, `"abcabc".find("c")`, `"abcabc".count("b")`, `"7".zfill(3)`,
	`"-7".zfill(4)`, `"ab".ljust(4, "-") + "|" + "ab".rjust(4) + "|" + "ab".center(6, "*")`, `"hello world".title()`,
	`"x"[0] + "abc"[-1] + "abcdef"[1:4] + "abcdef"[::-2]`, `[1, 2, 3, 4][1:]`, `[1, 2, 3, 4][:-1]`, `[1, 2, 3, 4][::2]`,
	`(1, 2, 3)[1:]`, `[1, 2, 3][-10:10]`, `[1, 2, 3][5:]`, `"abc"[::-1]`, `[1, 2, 3, 4, 5][4:0:-2]`,
	`isinstance(1, int)`, `isinstance(True, int)`, `isinstance(1.0, (int, float))`, `isinstance("s", str)`,
	`getattr(1, "nope", "dflt")`, `hasattr("s", "upper")`, `(lambda x, y=2: x * y)(3)`, `list(map(str, [1, 2]))`,
	`list(filter(None, [0, 1, 2]))`, `{"a": 1}.get("b", 5)`, `list({"a": 1, "b": 2}.items())`, `list({"a": 1}.keys())`,
	`1e16`, `1e15`, `123456789.123456789`, `-1.5e-7`, `2.0 ** 0.5`, `1 / 3`, `float("nan") == float("nan")`,
	`[1, 2] + [3]`, `(1,) + (2, 3)`, `{1, 2} | {3}`, `{1, 2, 3} & {2, 3, 4}`, `{1, 2, 3} - {2}`, `{1, 2} ^ {2, 3}`,
	`{"a": 1} | {"b": 2}`, `True + True`, `True & False`, `True | False`, `5 & True`, `-(-9223372036854775807)`,
	`3 if [] else 4`, `"%s" % [1, 2]`, `"%s" % (1.0,)`, `"%d items" % len([1, 2])`, `str(1e22)`, `str(-0.0)`,
	`"{:>+08.2f}".format(3.14159)`, `"{:=+8}".format(42)`, `"{:^+9.1e}".format(0.00123)`, `"%08.3e" % -0.00123`,
	`"%-8.3g|" % 1234567.0`, `"%#o" % 8`, `"{:#o}".format(8)`, `"{:#b}".format(5)`, `"{:G}".format(1e-10)`,
}

// evalStmts are statement sequences; each leaves its result in `r`.
var evalStmts = []string{
	"d = {}\nfor i in range(3):\n    d['ttl' + str(i)] = i\nr = d",
	"d = {'a': 1}\nd.update({'b': 2}, )\nd.update(c=3)\nd.update([('d', 4)])\nr = d",
	"l = []\nfor x in [1, 2, 3]:\n    if x == 2:\n        continue\n    l.append(x)\nelse:\n    l.append('else')\nr = l",
	"l = []\nfor x in range(10):\n    if x > 2:\n        break\n    l.append(x)\nelse:\n    l.append('else')\nr = l",
	"n = 0\nwhile n < 5:\n    n += 2\nr = n",
	"a, b = 1, 2\na, b = b, a\nr = (a, b)",
	"a, *b = [1, 2, 3]\nr = (a, b)",
	"x = [1]\ny = x\ny += [2]\nr = x",
	"x = (1,)\ny = x\ny += (2,)\nr = (x, y)",
	"s = {1}\nt = s\nt |= {2}\nr = s",
	"def f(a, b=2, *args, c=3, **kw):\n    return (a, b, args, c, kw)\nr = [f(1), f(1, 5, 6, 7, c=8, z=9)]",
	"def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\nr = fib(15)",
	"class A:\n    x = 1\n    def __init__(self, y):\n        self.y = y\n    def f(self):\n        return self.x + self.y\nclass B(A):\n    x = 10\n    def f(self):\n        return super().f() * 2\nr = [A(1).f(), B(1).f()]",
	"class A:\n    def __init__(self):\n        self.__p = 1\n    def get(self):\n        return self.__p\na = A()\nr = (a.get(), hasattr(a, '_A__p'), hasattr(a, '__p'))",
	"class A:\n    s = {'a'}\nclass B(A):\n    pass\nb = B()\nb.s |= {'b'}\nr = sorted(A.s)",
	"d = {'x': 1}\nr = d.setdefault('y', [])\nr.append(3)\nr = d",
	"l = [3, 1, 2]\nl.sort()\nl.insert(0, 9)\nl.extend((7, 8))\nl.remove(1)\nr = (l, l.pop(), l.index(2), l.count(9))",
	"x = 5\ndef g():\n    return x * 2\nx = 6\nr = g()",
	"r = [i for i in range(3)]\ni = 'kept'\nr = (r, i)",
	"import math\nr = (math.floor(2.7), math.ceil(2.1), math.sqrt(16.0), math.pi, math.isnan(float('nan')))",
	"base = 'urukul'\nr = [(base + '_ch%d' % i, {'channel': 0x10 + i, 'name': '%s_%d' % (base, i)}) for i in range(2)]",
	"r = 0\nfor k, v in {'a': 1, 'b': 2}.items():\n    r += v\n",
	"def f():\n    pass\nr = f()",
	"class C:\n    def __init__(self, **kw):\n        for k, v in kw.items():\n            setattr(self, k, v)\nc = C(a=1, b='x')\nr = (c.a, c.b, getattr(c, 'z', None))",
	"r = 'a' 'b' \"c\"",
	"t = (1, 2)\nr = t[0] + t[-1]",
	"d = dict(zip(['a', 'b'], [1, 2]))\ndel d['a']\nr = d",
}

func evalModule(src string) (value, *interp, error) {
	ip := newInterp(nil, nil)
	m, err := ip.execModule("m", "m.py", []byte(src), false)
	if err != nil {
		return nil, ip, err
	}
	return m.globals["r"], ip, nil
}

func TestEvalMatchesPython(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found")
	}
	var progs []string
	for _, e := range evalExprs {
		progs = append(progs, "r = "+e)
	}
	progs = append(progs, evalStmts...)
	// One Python process prints repr(r) of every program, separated by NUL lines.
	var script strings.Builder
	script.WriteString("import math\nprogs = [\n")
	for _, p := range progs {
		script.WriteString("    " + pyQuote(p) + ",\n")
	}
	script.WriteString("]\nfor p in progs:\n    g = {}\n    exec(p, g)\n    print(repr(g['r']))\n    print('\\x00')\n")
	out, err := exec.Command(py, "-c", script.String()).CombinedOutput()
	if err != nil {
		t.Fatalf("python3: %v\n%s", err, out)
	}
	wants := strings.Split(strings.TrimSuffix(string(out), "\n\x00\n"), "\n\x00\n")
	if len(wants) != len(progs) {
		t.Fatalf("python printed %d results for %d programs", len(wants), len(progs))
	}
	for i, p := range progs {
		v, ip, err := evalModule(p)
		if err != nil {
			t.Errorf("%s\n  evaluator error: %v", p, err)
			continue
		}
		got, err := ip.repr(v, Pos{})
		if err != nil {
			t.Errorf("%s\n  repr error: %v", p, err)
			continue
		}
		if got != wants[i] {
			t.Errorf("%s\n  evaluator: %s\n  Python:    %s", p, got, wants[i])
		}
	}
}

func TestEvalErrors(t *testing.T) {
	for _, c := range []struct{ src, msg string }{
		{"r = 1 / 0", "m.py:1:7: error: ZeroDivisionError: division by zero"},
		{"r = [1][3]", "m.py:1:5: error: IndexError: index 3 out of range"},
		{"r = {}['k']", "m.py:1:5: error: KeyError: 'k'"},
		{"r = undefined", "m.py:1:5: error: NameError: name 'undefined' is not defined"},
		{"r = 'a' + 1", "m.py:1:9: error: TypeError: unsupported operand types for +: 'str' and 'int'"},
		{"r = 2 ** 64", "m.py:1:7: error: cannot evaluate an integer beyond 64 bits"},
		{"r = 'x' * 100000000", "m.py:1:9: error: string too long for the snapshot evaluator"},
		{"while True:\n    pass", "evaluation takes too long"},
		{"def f():\n    return f()\nr = f()", "RecursionError"},
		{"r = [1]\nfor x in r:\n    r.append(x)", "too"},
		{"raise ValueError('bad value')", "m.py:1:1: error: ValueError: bad value"},
		{"assert 1 == 2, 'no'", "m.py:1:1: error: AssertionError: no"},
		{"try:\n    pass\nexcept Exception:\n    pass", "m.py:1:1: error: cannot evaluate try statements"},
		{"with open('x') as f:\n    pass", "m.py:1:1: error: cannot evaluate with statements"},
		{"r = b'x'", "m.py:1:5: error: cannot evaluate bytes literals"},
		{"import os\nr = os.getcwd() + '/x'", "m.py:2:8: error: module os is not available to the snapshot evaluator"},
		{"import os\nr = os.getcwd()\nif r:\n    pass", "m.py:2:8: error: module os is not available to the snapshot evaluator (not found on the path: ) (os.getcwd() is used at m.py:3:4)"},
		{"import logging\ndef f():\n    return -logging.getLogger()\nr = f()", "(logging.getLogger() is used at m.py:3:12)"},
		{"import struct\nr = struct.calcsize('i') < 4", "(struct.calcsize() is used at m.py:2:26)"},
		{"import struct\nr = int(struct.calcsize('i'))", "(struct.calcsize() is used at m.py:2:5)"},
		{"r = int(float('nan'))", "m.py:1:5: error: ValueError: cannot convert float NaN to integer"},
		{"r = '%d' % 'x'", "TypeError"},
		{"r = '{:>99999}'.format(1)", "invalid format specifier"},
		{"r = f'{1}'", "f-strings are not supported"},
	} {
		_, _, err := evalModule(c.src)
		if err == nil {
			t.Errorf("%q: no error", c.src)
			continue
		}
		if !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%q: error %q, want %q", c.src, err, c.msg)
		}
	}
}

func TestDeviceDB(t *testing.T) {
	src := `
core_addr = "10.0.0.1"
device_db = {"core": {"type": "local", "module": "m", "class": "Core", "arguments": {"host": core_addr}}}
for i in range(3):
    device_db["ttl" + str(i)] = {"type": "local", "module": "m", "class": "TTL", "arguments": {"channel": i}}
device_db.update(led="ttl0", a="b", b="c", c="ttl1", x="y", y="x", dangling="ttl9")
device_db.update({"ttl%d" % 7: {"type": "local", "module": "m", "class": "TTL"}})
`
	db, err := EvalDeviceDB("device_db.py", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a", "b", "c", "core", "dangling", "led", "ttl0", "ttl1", "ttl2", "ttl7", "x", "y"}
	if got := strings.Join(db.Names(), " "); got != strings.Join(want, " ") {
		t.Errorf("Names() = %s", got)
	}
	for name, want := range map[string]string{"led": "ttl0", "a": "ttl1", "ttl2": "ttl2"} {
		if got, err := db.Resolve(name, Pos{}); err != nil || got != want {
			t.Errorf("Resolve(%s) = %s, %v", name, got, err)
		}
	}
	e, err := db.Entry("a")
	if err != nil || e["arguments"].(map[string]interface{})["channel"] != int64(1) {
		t.Errorf("Entry(a) = %v, %v", e, err)
	}
	err = db.Check()
	want2 := []string{
		`device_db.py:6:54: error: alias loop: "x" -> "y" -> "x"`,
		`device_db.py:6:61: error: alias loop: "y" -> "x" -> "y"`,
		`device_db.py:6:68: error: alias "dangling" names device "ttl9", which is not in the device database`,
	}
	if got := strings.Split(err.Error(), "\n"); strings.Join(got, "\n") != strings.Join(want2, "\n") {
		t.Errorf("Check():\n%s\nwant:\n%s", err, strings.Join(want2, "\n"))
	}
	if _, err := db.Resolve("nope", Pos{File: "exp.py", Line: 3, Col: 9}); err == nil || err.Error() != `exp.py:3:9: error: device "nope" is not in the device database (device_db.py)` {
		t.Errorf("Resolve(nope): %v", err)
	}
	for _, c := range []struct{ src, msg string }{
		{"x = 1", "device_db.py:1:1: error: the file defines no device_db dict"},
		{"device_db = []", "device_db is a list, not a dict"},
		{"device_db = {1: {}}", "device_db.py:1:14: error: device name 1 is not a string"},
		{"device_db = {'a': 1}", `device "a": an entry must be a dict (a device) or a str (an alias), not int`},
		{"device_db = {}\ndevice_db['a'] = [1]", `device_db.py:2:1: error: device "a": an entry must be a dict`},
	} {
		_, err := EvalDeviceDB("device_db.py", []byte(c.src))
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%q: error %v, want %q", c.src, err, c.msg)
		}
	}
}
