package snapshot

import (
	"encoding/json"
	"math"
	"math/rand"
	"os/exec"
	"strings"
	"testing"
)

func TestFormatFloat(t *testing.T) {
	for _, c := range []struct {
		f    float64
		want string
	}{
		{0, "0.0"}, {math.Copysign(0, -1), "-0.0"}, {1, "1.0"}, {-2.5, "-2.5"}, {0.1, "0.1"},
		{1e-9, "1e-09"}, {1e-5, "1e-05"}, {0.0001, "0.0001"}, {0.00012, "0.00012"},
		{1e15, "1000000000000000.0"}, {1e16, "1e+16"}, {1.5e16, "1.5e+16"}, {123456789012345678, "1.2345678901234568e+17"},
		{1e100, "1e+100"}, {1e-100, "1e-100"}, {5e-324, "5e-324"}, {math.MaxFloat64, "1.7976931348623157e+308"},
		{1500000, "1500000.0"},
		{math.Inf(1), "inf"}, {math.Inf(-1), "-inf"}, {math.NaN(), "nan"},
	} {
		if got := FormatFloat(c.f); got != c.want {
			t.Errorf("FormatFloat(%v) = %q, want %q", c.f, got, c.want)
		}
	}
}

// TestFormatFloatMatchesPython compares FormatFloat and Quote with
// CPython's repr and json.dumps on random inputs.
func TestFormatFloatMatchesPython(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found")
	}
	r := rand.New(rand.NewSource(1))
	var floats []float64
	for i := 0; i < 2000; i++ {
		switch i % 4 {
		case 0:
			floats = append(floats, math.Float64frombits(r.Uint64()))
		case 1:
			floats = append(floats, r.NormFloat64()*math.Pow(10, float64(r.Intn(40)-20)))
		case 2:
			floats = append(floats, float64(r.Intn(1000000))/math.Pow(10, float64(r.Intn(12))))
		default:
			floats = append(floats, float64(r.Int63n(1<<53))*math.Pow(2, float64(r.Intn(200)-100)))
		}
	}
	strs := []string{"", "a\"b\\c", "tab\there\nnew", "\x00\x01\x1f\x7f", "µs Ω ✓", "😀 astral", "<&>", "\u2028"}
	script := `
import sys, struct, json
for line in sys.stdin:
    print(repr(struct.unpack("<d", bytes.fromhex(line.strip()))[0]))
`
	cmd := exec.Command(py, "-c", script)
	var hexes strings.Builder
	var want []float64
	for _, f := range floats {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			continue
		}
		want = append(want, f)
		b := make([]byte, 8)
		u := math.Float64bits(f)
		for i := 0; i < 8; i++ {
			b[i] = byte(u >> (8 * i))
		}
		const hexdigits = "0123456789abcdef"
		for _, c := range b {
			hexes.WriteByte(hexdigits[c>>4])
			hexes.WriteByte(hexdigits[c&15])
		}
		hexes.WriteByte('\n')
	}
	cmd.Stdin = strings.NewReader(hexes.String())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != len(want) {
		t.Fatalf("python printed %d lines for %d floats", len(lines), len(want))
	}
	for i, f := range want {
		if got := FormatFloat(f); got != lines[i] {
			t.Errorf("FormatFloat(%b) = %q, Python repr %q", f, got, lines[i])
		}
	}
	js, _ := json.Marshal(strs)
	out, err = exec.Command(py, "-c", `import json,sys
for s in json.loads(sys.argv[1]): print(json.dumps(s))`, string(js)).Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	lines = strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	for i, s := range strs {
		if got := Quote(s); got != lines[i] {
			t.Errorf("Quote(%q) = %s, Python json.dumps %s", s, got, lines[i])
		}
	}
}

func TestTypeRoundTrip(t *testing.T) {
	for _, s := range []string{"none", "bool", "int32", "int64", "float", "str", "opaque", "list<?>",
		"list<int32>", "list<list<?>>", "tuple<>", "tuple<int32,float,str>", "tuple<list<float>>",
		"array<float,1>", "array<int32,3>", "array<bool,2>", "ref<artiq.coredevice.ttl.TTLOut>",
		"list<ref<m.C>>"} {
		ty, err := ParseType(s)
		if err != nil {
			t.Errorf("ParseType(%q): %v", s, err)
			continue
		}
		if got := ty.String(); got != s {
			t.Errorf("ParseType(%q).String() = %q", s, got)
		}
	}
	for _, s := range []string{"", "?", "int", "list", "list<", "tuple<?>", "array<str,1>", "array<float,0>",
		"ref<>", "ref<a b>", "int32 ", "list<int32>>"} {
		if _, err := ParseType(s); err == nil {
			t.Errorf("ParseType(%q) succeeded", s)
		}
	}
}

func TestValueRoundTrip(t *testing.T) {
	big := &Array{Elem: KindFloat, Shape: []int{10, 10}}
	for i := 0; i < 100; i++ {
		big.Floats = append(big.Floats, float64(i)/3)
	}
	ints := &Array{Elem: KindInt64, Shape: []int{100}}
	for i := 0; i < 100; i++ {
		ints.Ints = append(ints.Ints, int64(i)*-123456789012)
	}
	for _, v := range []Value{
		NoneValue(), BoolValue(true), BoolValue(false), Int32Value(-5), Int64Value(1 << 40), FloatValue(1e-9),
		FloatValue(math.NaN()), FloatValue(math.Inf(-1)), StrValue("a \"b\"\n"), OpaqueValue("dict"),
		RefValue("m.C", "self.objs[0].x"), ListValue(TUnknown, nil), ListValue(TInt32, []Value{Int32Value(1), Int32Value(2)}),
		TupleValue(nil), TupleValue([]Value{Int32Value(1)}), TupleValue([]Value{FloatValue(0.5), StrValue("x")}),
		ListValue(TTuple(TInt32, TStr), []Value{TupleValue([]Value{Int32Value(1), StrValue("a")})}),
		ListValue(TRef("m.C"), []Value{RefValue("m.C", "ttl0"), RefValue("m.C", "self.x[1]")}),
		ArrayValue(&Array{Elem: KindFloat, Shape: []int{2, 3}, Floats: []float64{1, 2, 3, 4, 5, 6}}),
		ArrayValue(&Array{Elem: KindBool, Shape: []int{2}, Ints: []int64{1, 0}}),
		ArrayValue(&Array{Elem: KindInt32, Shape: []int{0}}),
		ArrayValue(big), ArrayValue(ints),
	} {
		text := v.String()
		got, err := ParseValue(v.Type, text)
		if err != nil {
			t.Errorf("ParseValue(%s, %q): %v", v.Type, text, err)
			continue
		}
		if got.String() != text || !got.Type.Equal(v.Type) {
			t.Errorf("round trip of %q gave %q", text, got.String())
		}
	}
	if s := ArrayValue(big).String(); !strings.HasPrefix(s, "(10, 10) base64:") {
		t.Errorf("a 100-element array is written %.30q, want base64", s)
	}
	for _, c := range []struct{ typ, text string }{
		{"int32", "2147483648"}, {"int32", "01"}, {"float", "1.00"}, {"float", "1e-9"}, {"bool", "true"},
		{"str", `"abc`}, {"list<int32>", "[1,2]"}, {"tuple<int32>", "(1)"}, {"array<float,1>", "(2,) [1.0]"},
		{"array<float,1>", "(2,) base64:AAAA"}, {"ref<m.C>", "1x"}, {"list<?>", "[1]"},
	} {
		ty, err := ParseType(c.typ)
		if err != nil {
			t.Fatal(err)
		}
		if v, err := ParseValue(ty, c.text); err == nil {
			t.Errorf("ParseValue(%s, %q) = %s, want an error", c.typ, c.text, v)
		}
	}
}

func TestTimingNames(t *testing.T) {
	for name, want := range map[string]bool{
		"t": true, "t0": true, "t_pulse": true, "pulse_s": true, "wait_us": true, "ref_period": true,
		"gate_latency_mu": true, "cool_duration": true, "timeout": true, "freq": false, "n_points": false,
		"ts": false, "status": false, "mus": false, "detect": false,
	} {
		if got := IsTimingName(name); got != want {
			t.Errorf("IsTimingName(%q) = %v", name, got)
		}
	}
}
