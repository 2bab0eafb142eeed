package snapshot

import (
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Kind is the kind of a snapshot type.
type Kind uint8

// The kinds of snapshot values. KindUnknown only occurs as the element
// type of an empty list (written `?`).
const (
	KindUnknown Kind = iota
	KindNone
	KindBool
	KindInt32
	KindInt64
	KindFloat
	KindStr
	KindList
	KindTuple
	KindArray
	KindRef
	KindOpaque
)

// Type is the type of a snapshot value, as kernels see it.
type Type struct {
	Kind  Kind
	Elem  *Type  // KindList: the element type; KindArray: the element type (bool, int32, int64 or float)
	Elems []Type // KindTuple: the element types
	NDim  int    // KindArray: the number of dimensions (>= 1)
	Class string // KindRef: the class of the referenced object (module path + "." + class name)
}

// Scalar types.
var (
	TNone    = Type{Kind: KindNone}
	TBool    = Type{Kind: KindBool}
	TInt32   = Type{Kind: KindInt32}
	TInt64   = Type{Kind: KindInt64}
	TFloat   = Type{Kind: KindFloat}
	TStr     = Type{Kind: KindStr}
	TOpaque  = Type{Kind: KindOpaque}
	TUnknown = Type{Kind: KindUnknown}
)

// TList returns the type list<elem>.
func TList(elem Type) Type { return Type{Kind: KindList, Elem: &elem} }

// TTuple returns the type tuple<elems...>.
func TTuple(elems ...Type) Type { return Type{Kind: KindTuple, Elems: append([]Type{}, elems...)} }

// TArray returns the type array<elem,ndim>.
func TArray(elem Kind, ndim int) Type {
	e := Type{Kind: elem}
	return Type{Kind: KindArray, Elem: &e, NDim: ndim}
}

// TRef returns the type ref<class>.
func TRef(class string) Type { return Type{Kind: KindRef, Class: class} }

var kindNames = [...]string{
	KindUnknown: "?", KindNone: "none", KindBool: "bool", KindInt32: "int32", KindInt64: "int64",
	KindFloat: "float", KindStr: "str", KindList: "list", KindTuple: "tuple", KindArray: "array",
	KindRef: "ref", KindOpaque: "opaque",
}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// String returns the type as the snapshot format writes it:
// none, bool, int32, int64, float, str, list<T>, tuple<T,...>,
// array<E,N>, ref<module.Class>, opaque, and ? for an unknown list element.
func (t Type) String() string {
	var b strings.Builder
	t.write(&b)
	return b.String()
}

func (t Type) write(b *strings.Builder) {
	switch t.Kind {
	case KindList:
		b.WriteString("list<")
		if t.Elem == nil {
			b.WriteString("?")
		} else {
			t.Elem.write(b)
		}
		b.WriteByte('>')
	case KindTuple:
		b.WriteString("tuple<")
		for i, e := range t.Elems {
			if i > 0 {
				b.WriteByte(',')
			}
			e.write(b)
		}
		b.WriteByte('>')
	case KindArray:
		b.WriteString("array<")
		if t.Elem != nil {
			t.Elem.write(b)
		}
		b.WriteByte(',')
		b.WriteString(strconv.Itoa(t.NDim))
		b.WriteByte('>')
	case KindRef:
		b.WriteString("ref<")
		b.WriteString(t.Class)
		b.WriteByte('>')
	default:
		b.WriteString(t.Kind.String())
	}
}

// Equal reports whether t and u are the same type.
func (t Type) Equal(u Type) bool { return t.String() == u.String() }

// Unify returns the type that both t and u are instances of, treating the
// unknown element type of an empty list as a wildcard; ok is false when
// they differ.
func Unify(t, u Type) (Type, bool) {
	if t.Kind == KindUnknown {
		return u, true
	}
	if u.Kind == KindUnknown {
		return t, true
	}
	if t.Kind != u.Kind {
		return t, false
	}
	switch t.Kind {
	case KindList:
		e, ok := Unify(t.elem(), u.elem())
		return TList(e), ok
	case KindTuple:
		if len(t.Elems) != len(u.Elems) {
			return t, false
		}
		out := make([]Type, len(t.Elems))
		for i := range t.Elems {
			e, ok := Unify(t.Elems[i], u.Elems[i])
			if !ok {
				return t, false
			}
			out[i] = e
		}
		return Type{Kind: KindTuple, Elems: out}, true
	case KindArray:
		return t, t.NDim == u.NDim && t.elem().Kind == u.elem().Kind
	case KindRef:
		return t, t.Class == u.Class
	}
	return t, true
}

func (t Type) elem() Type {
	if t.Elem == nil {
		return TUnknown
	}
	return *t.Elem
}

// isClassName reports whether s is a dotted name: module path + "." + class.
func isClassName(s string) bool {
	if s == "" {
		return false
	}
	for _, part := range strings.Split(s, ".") {
		if !isIdent(part) {
			return false
		}
	}
	return true
}

// isIdent reports whether s is an ASCII Python identifier.
func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9' {
			continue
		}
		return false
	}
	return true
}

// ParseType parses a type as String writes it.
func ParseType(s string) (Type, error) {
	p := &typeParser{s: s}
	t, err := p.parse(true)
	if err != nil {
		return t, err
	}
	if p.i != len(s) {
		return t, fmt.Errorf("bad type %q: junk after the type", s)
	}
	return t, nil
}

type typeParser struct {
	s string
	i int
}

func (p *typeParser) word() string {
	j := p.i
	for j < len(p.s) && (p.s[j] == '_' || p.s[j] == '.' || p.s[j] == '?' || p.s[j] >= 'a' && p.s[j] <= 'z' ||
		p.s[j] >= 'A' && p.s[j] <= 'Z' || p.s[j] >= '0' && p.s[j] <= '9') {
		j++
	}
	w := p.s[p.i:j]
	p.i = j
	return w
}

func (p *typeParser) expect(c byte) error {
	if p.i >= len(p.s) || p.s[p.i] != c {
		return fmt.Errorf("bad type %q: want %q at offset %d", p.s, c, p.i)
	}
	p.i++
	return nil
}

func (p *typeParser) parse(top bool) (Type, error) {
	w := p.word()
	switch w {
	case "none":
		return TNone, nil
	case "bool":
		return TBool, nil
	case "int32":
		return TInt32, nil
	case "int64":
		return TInt64, nil
	case "float":
		return TFloat, nil
	case "str":
		return TStr, nil
	case "opaque":
		return TOpaque, nil
	case "?":
		if top {
			return TUnknown, fmt.Errorf("bad type %q: ? is only a list element type", p.s)
		}
		return TUnknown, nil
	case "list":
		if err := p.expect('<'); err != nil {
			return TUnknown, err
		}
		e, err := p.parse(false)
		if err != nil {
			return e, err
		}
		if e.Kind == KindUnknown {
			return Type{Kind: KindList}, p.expect('>')
		}
		return TList(e), p.expect('>')
	case "tuple":
		if err := p.expect('<'); err != nil {
			return TUnknown, err
		}
		t := Type{Kind: KindTuple, Elems: []Type{}}
		if p.i < len(p.s) && p.s[p.i] == '>' {
			p.i++
			return t, nil
		}
		for {
			e, err := p.parse(false)
			if err != nil {
				return e, err
			}
			if e.Kind == KindUnknown {
				return e, fmt.Errorf("bad type %q: ? is only a list element type", p.s)
			}
			t.Elems = append(t.Elems, e)
			if p.i < len(p.s) && p.s[p.i] == ',' {
				p.i++
				continue
			}
			return t, p.expect('>')
		}
	case "array":
		if err := p.expect('<'); err != nil {
			return TUnknown, err
		}
		e := p.word()
		var k Kind
		switch e {
		case "bool":
			k = KindBool
		case "int32":
			k = KindInt32
		case "int64":
			k = KindInt64
		case "float":
			k = KindFloat
		default:
			return TUnknown, fmt.Errorf("bad type %q: array elements must be bool, int32, int64 or float", p.s)
		}
		if err := p.expect(','); err != nil {
			return TUnknown, err
		}
		n, err := strconv.Atoi(p.word())
		if err != nil || n < 1 || n > 32 {
			return TUnknown, fmt.Errorf("bad type %q: bad number of dimensions", p.s)
		}
		return TArray(k, n), p.expect('>')
	case "ref":
		if err := p.expect('<'); err != nil {
			return TUnknown, err
		}
		c := p.word()
		if !isClassName(c) {
			return TUnknown, fmt.Errorf("bad type %q: bad class name %q", p.s, c)
		}
		return TRef(c), p.expect('>')
	}
	return TUnknown, fmt.Errorf("bad type %q", p.s)
}

// ----------------------------------------------------------------------------
// Values

// Value is one typed snapshot value.
type Value struct {
	Type  Type
	Bool  bool
	Int   int64   // int32 and int64
	Float float64 // float
	Str   string  // str; the description of an opaque value
	Ref   string  // ref: the id of the referenced object
	Elems []Value // list and tuple elements
	Array *Array  // array
}

// Array is the content of an array value: its shape and its elements in
// row-major order.
type Array struct {
	Elem   Kind // KindBool, KindInt32, KindInt64 or KindFloat
	Shape  []int
	Ints   []int64   // bool (0 or 1), int32 and int64 elements
	Floats []float64 // float elements
}

// Len returns the number of elements.
func (a *Array) Len() int {
	if a.Elem == KindFloat {
		return len(a.Floats)
	}
	return len(a.Ints)
}

// Constructors.
func NoneValue() Value                { return Value{Type: TNone} }
func BoolValue(b bool) Value          { return Value{Type: TBool, Bool: b} }
func Int32Value(i int32) Value        { return Value{Type: TInt32, Int: int64(i)} }
func Int64Value(i int64) Value        { return Value{Type: TInt64, Int: i} }
func FloatValue(f float64) Value      { return Value{Type: TFloat, Float: f} }
func StrValue(s string) Value         { return Value{Type: TStr, Str: s} }
func OpaqueValue(d string) Value      { return Value{Type: TOpaque, Str: d} }
func RefValue(class, id string) Value { return Value{Type: TRef(class), Ref: id} }

// ListValue returns a list of the given element type (TUnknown for an empty list of unknown type).
func ListValue(elem Type, elems []Value) Value {
	if elem.Kind == KindUnknown {
		return Value{Type: Type{Kind: KindList}, Elems: elems}
	}
	return Value{Type: TList(elem), Elems: elems}
}

// TupleValue returns a tuple of the elements.
func TupleValue(elems []Value) Value {
	ts := make([]Type, len(elems))
	for i, e := range elems {
		ts[i] = e.Type
	}
	return Value{Type: Type{Kind: KindTuple, Elems: ts}, Elems: elems}
}

// ArrayValue returns an array value.
func ArrayValue(a *Array) Value {
	return Value{Type: TArray(a.Elem, len(a.Shape)), Array: a}
}

// String returns the value as the snapshot format writes it.
func (v Value) String() string {
	var b strings.Builder
	v.write(&b)
	return b.String()
}

// Equal reports whether v and w have the same type and value (by their
// canonical text, so NaN equals NaN).
func (v Value) Equal(w Value) bool {
	return v.Type.Equal(w.Type) && v.String() == w.String()
}

// arrayInlineMax is the largest array written as a list of numbers; larger
// arrays are written as base64 of their little-endian bytes.
const arrayInlineMax = 64

func (v Value) write(b *strings.Builder) {
	switch v.Type.Kind {
	case KindNone:
		b.WriteString("None")
	case KindBool:
		b.WriteString(pyBool(v.Bool))
	case KindInt32, KindInt64:
		b.WriteString(strconv.FormatInt(v.Int, 10))
	case KindFloat:
		b.WriteString(FormatFloat(v.Float))
	case KindStr, KindOpaque:
		b.WriteString(Quote(v.Str))
	case KindRef:
		b.WriteString(v.Ref)
	case KindList:
		b.WriteByte('[')
		for i, e := range v.Elems {
			if i > 0 {
				b.WriteString(", ")
			}
			e.write(b)
		}
		b.WriteByte(']')
	case KindTuple:
		b.WriteByte('(')
		for i, e := range v.Elems {
			if i > 0 {
				b.WriteString(", ")
			}
			e.write(b)
		}
		if len(v.Elems) == 1 {
			b.WriteByte(',')
		}
		b.WriteByte(')')
	case KindArray:
		a := v.Array
		b.WriteByte('(')
		for i, n := range a.Shape {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(strconv.Itoa(n))
		}
		if len(a.Shape) == 1 {
			b.WriteByte(',')
		}
		b.WriteString(") ")
		if a.Len() <= arrayInlineMax {
			b.WriteByte('[')
			for i := 0; i < a.Len(); i++ {
				if i > 0 {
					b.WriteString(", ")
				}
				switch a.Elem {
				case KindBool:
					b.WriteString(pyBool(a.Ints[i] != 0))
				case KindFloat:
					b.WriteString(FormatFloat(a.Floats[i]))
				default:
					b.WriteString(strconv.FormatInt(a.Ints[i], 10))
				}
			}
			b.WriteByte(']')
		} else {
			b.WriteString("base64:")
			b.WriteString(base64.StdEncoding.EncodeToString(a.bytes()))
		}
	}
}

func pyBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}

func elemSize(k Kind) int {
	switch k {
	case KindBool:
		return 1
	case KindInt32:
		return 4
	}
	return 8
}

// bytes returns the elements as little-endian bytes (bool: one byte each,
// int32: 4, int64 and float: 8), as NumPy stores them.
func (a *Array) bytes() []byte {
	n := a.Len()
	sz := elemSize(a.Elem)
	out := make([]byte, n*sz)
	for i := 0; i < n; i++ {
		switch a.Elem {
		case KindBool:
			if a.Ints[i] != 0 {
				out[i] = 1
			}
		case KindInt32:
			binary.LittleEndian.PutUint32(out[4*i:], uint32(int32(a.Ints[i])))
		case KindInt64:
			binary.LittleEndian.PutUint64(out[8*i:], uint64(a.Ints[i]))
		case KindFloat:
			binary.LittleEndian.PutUint64(out[8*i:], math.Float64bits(a.Floats[i]))
		}
	}
	return out
}

// setBytes fills a's elements from little-endian bytes.
func (a *Array) setBytes(data []byte, n int) error {
	sz := elemSize(a.Elem)
	if len(data) != n*sz {
		return fmt.Errorf("array data has %d bytes, want %d (%d elements of %d bytes)", len(data), n*sz, n, sz)
	}
	a.Ints, a.Floats = nil, nil
	for i := 0; i < n; i++ {
		switch a.Elem {
		case KindBool:
			if data[i] > 1 {
				return fmt.Errorf("bool array element %d is %d, want 0 or 1", i, data[i])
			}
			a.Ints = append(a.Ints, int64(data[i]))
		case KindInt32:
			a.Ints = append(a.Ints, int64(int32(binary.LittleEndian.Uint32(data[4*i:]))))
		case KindInt64:
			a.Ints = append(a.Ints, int64(binary.LittleEndian.Uint64(data[8*i:])))
		case KindFloat:
			a.Floats = append(a.Floats, math.Float64frombits(binary.LittleEndian.Uint64(data[8*i:])))
		}
	}
	return nil
}

// FormatFloat formats f as Python's repr(float) does: the shortest string
// that reads back as f, in fixed notation when the decimal exponent is in
// [-4, 16) (with ".0" when it has no fraction digits) and in exponent
// notation otherwise (e-05, e+16); inf, -inf and nan.
func FormatFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	s := strconv.FormatFloat(f, 'e', -1, 64) // [-]d[.ddd]e±XX
	neg := s[0] == '-'
	if neg {
		s = s[1:]
	}
	mant, expStr, _ := strings.Cut(s, "e")
	exp, _ := strconv.Atoi(expStr)
	digits := strings.Replace(mant, ".", "", 1)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	if exp < -4 || exp >= 16 {
		b.WriteByte(digits[0])
		if len(digits) > 1 {
			b.WriteByte('.')
			b.WriteString(digits[1:])
		}
		b.WriteByte('e')
		if exp < 0 {
			b.WriteByte('-')
			exp = -exp
		} else {
			b.WriteByte('+')
		}
		if exp < 10 {
			b.WriteByte('0')
		}
		b.WriteString(strconv.Itoa(exp))
		return b.String()
	}
	if exp < 0 {
		b.WriteString("0.")
		b.WriteString(strings.Repeat("0", -exp-1))
		b.WriteString(digits)
		return b.String()
	}
	if len(digits) <= exp+1 {
		b.WriteString(digits)
		b.WriteString(strings.Repeat("0", exp+1-len(digits)))
		b.WriteString(".0")
		return b.String()
	}
	b.WriteString(digits[:exp+1])
	b.WriteByte('.')
	b.WriteString(digits[exp+1:])
	return b.String()
}

// Quote quotes s as Python's json.dumps does by default (ensure_ascii):
// `"` and `\` escaped, \n \r \t \b \f short escapes, every other character
// outside printable ASCII as \uXXXX (lowercase hex, UTF-16 surrogate pairs
// beyond the BMP). Invalid UTF-8 bytes become U+FFFD.
func Quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if r >= 0x20 && r <= 0x7e {
				b.WriteRune(r)
			} else if r > 0xffff {
				r1, r2 := utf16.EncodeRune(r)
				fmt.Fprintf(&b, `\u%04x\u%04x`, r1, r2)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// unquote reads a quoted string as Quote writes it (any JSON string is
// accepted) from the start of s and returns it and the rest of s.
func unquote(s string) (string, string, error) {
	if s == "" || s[0] != '"' {
		return "", s, fmt.Errorf("want a string in double quotes")
	}
	var b strings.Builder
	i := 1
	for i < len(s) {
		c := s[i]
		switch {
		case c == '"':
			return b.String(), s[i+1:], nil
		case c == '\\':
			if i+1 >= len(s) {
				return "", s, fmt.Errorf("unterminated string")
			}
			e := s[i+1]
			i += 2
			switch e {
			case '"', '\\', '/':
				b.WriteByte(e)
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'u':
				r, n, err := hex4(s[i:])
				if err != nil {
					return "", s, err
				}
				i += n
				if utf16.IsSurrogate(r) && strings.HasPrefix(s[i:], `\u`) {
					if r2, n2, err := hex4(s[i+2:]); err == nil {
						if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
							r = d
							i += 2 + n2
						}
					}
				}
				b.WriteRune(r)
			default:
				return "", s, fmt.Errorf("bad escape \\%c in string", e)
			}
		case c < 0x20:
			return "", s, fmt.Errorf("control character in string")
		default:
			b.WriteByte(c)
			i++
		}
	}
	return "", s, fmt.Errorf("unterminated string")
}

func hex4(s string) (rune, int, error) {
	if len(s) < 4 {
		return 0, 0, fmt.Errorf("bad \\u escape")
	}
	n, err := strconv.ParseUint(s[:4], 16, 32)
	if err != nil {
		return 0, 0, fmt.Errorf("bad \\u escape")
	}
	return rune(n), 4, nil
}

// ParseValue parses the text of a value of type t, as Value.String writes it.
func ParseValue(t Type, s string) (Value, error) {
	p := &valueParser{s: s}
	v, err := p.value(t)
	if err != nil {
		return v, err
	}
	if p.i != len(s) {
		return v, fmt.Errorf("junk after the value: %q", clip(s[p.i:]))
	}
	return v, nil
}

func clip(s string) string {
	if len(s) > 20 {
		return s[:20] + "..."
	}
	return s
}

type valueParser struct {
	s string
	i int
}

func (p *valueParser) rest() string { return p.s[p.i:] }

func (p *valueParser) lit(w string) bool {
	if strings.HasPrefix(p.rest(), w) {
		p.i += len(w)
		return true
	}
	return false
}

func (p *valueParser) expect(w string) error {
	if !p.lit(w) {
		return fmt.Errorf("want %q at %q", w, clip(p.rest()))
	}
	return nil
}

// token returns the run of characters that make up a number or a name.
func (p *valueParser) token() string {
	j := p.i
	for j < len(p.s) {
		c := p.s[j]
		if c == ',' || c == ']' || c == ')' || c == ' ' || c == '[' || c == '(' {
			break
		}
		j++
	}
	t := p.s[p.i:j]
	p.i = j
	return t
}

func (p *valueParser) value(t Type) (Value, error) {
	switch t.Kind {
	case KindNone:
		return NoneValue(), p.expect("None")
	case KindBool:
		switch {
		case p.lit("True"):
			return BoolValue(true), nil
		case p.lit("False"):
			return BoolValue(false), nil
		}
		return Value{}, fmt.Errorf("want True or False at %q", clip(p.rest()))
	case KindInt32, KindInt64:
		tok := p.token()
		bits := 64
		if t.Kind == KindInt32 {
			bits = 32
		}
		n, err := strconv.ParseInt(tok, 10, bits)
		if err != nil || strconv.FormatInt(n, 10) != tok {
			return Value{}, fmt.Errorf("bad %s %q", t, tok)
		}
		return Value{Type: t, Int: n}, nil
	case KindFloat:
		tok := p.token()
		f, err := parseFloat(tok)
		if err != nil {
			return Value{}, err
		}
		return FloatValue(f), nil
	case KindStr, KindOpaque:
		s, rest, err := unquote(p.rest())
		if err != nil {
			return Value{}, err
		}
		p.i = len(p.s) - len(rest)
		return Value{Type: t, Str: s}, nil
	case KindRef:
		id, err := p.objectID()
		if err != nil {
			return Value{}, err
		}
		return RefValue(t.Class, id), nil
	case KindList:
		if err := p.expect("["); err != nil {
			return Value{}, err
		}
		v := Value{Type: t, Elems: []Value{}}
		if p.lit("]") {
			return v, nil
		}
		if t.Elem == nil {
			return Value{}, fmt.Errorf("a list of unknown element type (list<?>) must be empty")
		}
		for {
			e, err := p.value(*t.Elem)
			if err != nil {
				return Value{}, err
			}
			v.Elems = append(v.Elems, e)
			if p.lit(", ") {
				continue
			}
			return v, p.expect("]")
		}
	case KindTuple:
		if err := p.expect("("); err != nil {
			return Value{}, err
		}
		v := Value{Type: t, Elems: []Value{}}
		for i, et := range t.Elems {
			if i > 0 {
				if err := p.expect(", "); err != nil {
					return Value{}, err
				}
			}
			e, err := p.value(et)
			if err != nil {
				return Value{}, err
			}
			v.Elems = append(v.Elems, e)
		}
		if len(t.Elems) == 1 {
			if err := p.expect(","); err != nil {
				return Value{}, err
			}
		}
		return v, p.expect(")")
	case KindArray:
		return p.array(t)
	}
	return Value{}, fmt.Errorf("cannot parse a value of type %s", t)
}

func parseFloat(tok string) (float64, error) {
	switch tok {
	case "nan":
		return math.NaN(), nil
	case "inf":
		return math.Inf(1), nil
	case "-inf":
		return math.Inf(-1), nil
	}
	f, err := strconv.ParseFloat(tok, 64)
	if err != nil || FormatFloat(f) != tok {
		return 0, fmt.Errorf("bad float %q (want Python's repr, e.g. 1.0, 1e-06)", tok)
	}
	return f, nil
}

// objectID reads an object id: name ( .name | [index] )*.
func (p *valueParser) objectID() (string, error) {
	start := p.i
	n := scanObjectID(p.rest())
	if n == 0 {
		return "", fmt.Errorf("want an object id at %q", clip(p.rest()))
	}
	p.i += n
	return p.s[start:p.i], nil
}

// scanObjectID returns the length of the object id at the start of s (0 if none).
func scanObjectID(s string) int {
	i := identLen(s)
	if i == 0 {
		return 0
	}
	for i < len(s) {
		switch s[i] {
		case '.':
			n := identLen(s[i+1:])
			if n == 0 {
				return i
			}
			i += 1 + n
			continue
		case '[':
			j := i + 1
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			if j == i+1 || j >= len(s) || s[j] != ']' || (s[i+1] == '0' && j > i+2) {
				return i
			}
			i = j + 1
			continue
		}
		break
	}
	return i
}

func identLen(s string) int {
	i := 0
	for i < len(s) {
		c := s[i]
		if c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9' {
			i++
			continue
		}
		break
	}
	return i
}

// isObjectID reports whether s is a well-formed object id.
func isObjectID(s string) bool { return s != "" && scanObjectID(s) == len(s) }

func (p *valueParser) array(t Type) (Value, error) {
	if err := p.expect("("); err != nil {
		return Value{}, err
	}
	a := &Array{Elem: t.Elem.Kind}
	total := 1
	for {
		tok := p.token()
		n, err := strconv.Atoi(tok)
		if err != nil || n < 0 || strconv.Itoa(n) != tok {
			return Value{}, fmt.Errorf("bad array dimension %q", tok)
		}
		a.Shape = append(a.Shape, n)
		if total > 0 && n > (1<<31)/total {
			return Value{}, fmt.Errorf("array too large")
		}
		total *= n
		if len(a.Shape) == 1 {
			if err := p.expect(","); err != nil {
				return Value{}, err
			}
			if p.lit(")") {
				break
			}
			if err := p.expect(" "); err != nil {
				return Value{}, err
			}
			continue
		}
		if p.lit(")") {
			break
		}
		if err := p.expect(", "); err != nil {
			return Value{}, err
		}
	}
	if len(a.Shape) != t.NDim {
		return Value{}, fmt.Errorf("array of type %s has %d dimensions", t, len(a.Shape))
	}
	if err := p.expect(" "); err != nil {
		return Value{}, err
	}
	if p.lit("base64:") {
		if total <= arrayInlineMax {
			return Value{}, fmt.Errorf("an array of %d elements is written as a list of numbers, not base64", total)
		}
		tok := p.token()
		data, err := base64.StdEncoding.Strict().DecodeString(tok)
		if err != nil {
			return Value{}, fmt.Errorf("bad base64 array data: %v", err)
		}
		if err := a.setBytes(data, total); err != nil {
			return Value{}, err
		}
		return ArrayValue(a), nil
	}
	if total > arrayInlineMax {
		return Value{}, fmt.Errorf("an array of %d elements is written as base64:, not a list of numbers", total)
	}
	if err := p.expect("["); err != nil {
		return Value{}, err
	}
	et := *t.Elem
	for i := 0; i < total; i++ {
		if i > 0 {
			if err := p.expect(", "); err != nil {
				return Value{}, err
			}
		}
		e, err := p.value(et)
		if err != nil {
			return Value{}, err
		}
		switch et.Kind {
		case KindFloat:
			a.Floats = append(a.Floats, e.Float)
		case KindBool:
			if e.Bool {
				a.Ints = append(a.Ints, 1)
			} else {
				a.Ints = append(a.Ints, 0)
			}
		default:
			a.Ints = append(a.Ints, e.Int)
		}
	}
	if err := p.expect("]"); err != nil {
		return Value{}, err
	}
	return ArrayValue(a), nil
}
