package snapshot

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rules-artiq/rules_artiq/compiler/syntax"
)

// The evaluator's values (a small model of Python's):
//
//	noneV, bool, intV, float64, string, *listV, *tupleV, *dictV, *setV,
//	*arrayV, *rangeV, *instance, *classV, *funcV, *boundV, *builtinV,
//	*moduleV, *superV, *procV, *opaqueV, *errV
type value interface{}

type noneT struct{}

var noneV = noneT{}

// intV is a Python int or a NumPy integer scalar.
type intV struct {
	v  int64
	np intKind
}

type intKind uint8

const (
	pyInt intKind = iota // Python int (the evaluator's ints are 64-bit)
	np32                 // numpy.int32
	np64                 // numpy.int64
)

type listV struct{ elems []value }
type tupleV struct{ elems []value }

// dictV is an insertion-ordered dict; pos records where each key was set
// (for device_db diagnostics).
type dictV struct {
	keys  []value
	vals  []value
	pos   []Pos
	index map[string]int
}

type setV struct {
	items []value
	index map[string]int
}

// arrayV is a NumPy array.
type arrayV struct {
	elem   Kind // KindBool, KindInt32, KindInt64, KindFloat
	shape  []int
	ints   []int64
	floats []float64
}

type rangeV struct{ start, stop, step int64 }

// instance is an object of a class defined in Python source (or of a
// built-in environment class).
type instance struct {
	cls     *classV
	attrs   map[string]value
	attrPos map[string]Pos
	device  string // the device name (after aliases) for a device driver
	origin  Pos
	env     *envState // for HasEnvironment instances
}

type classV struct {
	name    string
	module  string
	bases   []*classV
	mro     []*classV
	ns      map[string]value
	nsPos   map[string]Pos
	ann     map[string]*syntax.AnnAssign // class-body annotations
	annFile string
	native  map[string]nativeMethod // built-in classes' methods
	builtin bool
	origin  Pos
}

type nativeMethod func(ip *interp, self *instance, args []value, kw []kwArg, pos Pos) (value, error)

func (c *classV) qualName() string {
	if c.module == "" {
		return c.name
	}
	return c.module + "." + c.name
}

type funcV struct {
	name     string
	params   []*syntax.Param
	defaults map[string]value // evaluated at definition time
	body     []syntax.Stmt
	lambda   syntax.Expr // for a lambda: its body expression
	mod      *moduleV
	file     string
	cls      *classV // the defining class (for super() and name mangling)
	closure  *frame  // for lambdas
	decos    []string
	pos      Pos
	// unsupported is set when the parser left a statement of the body
	// out (hostcode.go): calling it is this error.
	unsupported *Error
}

func (f *funcV) hasDeco(names ...string) bool {
	for _, d := range f.decos {
		for _, n := range names {
			if d == n {
				return true
			}
		}
	}
	return false
}

type boundV struct {
	self value
	fn   value
}

type kwArg struct {
	name string
	val  value
	pos  Pos // where the keyword is written (the call's position if unknown)
}

type builtinV struct {
	name string
	fn   func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error)
}

type moduleV struct {
	name    string
	file    string
	globals map[string]value
	missing bool // not found on the path: every use is an error
}

type superV struct {
	cls  *classV
	self value
}

// procV is an argument processor: NumberValue, BooleanValue, StringValue,
// EnumerationValue or PYONValue.
type procV struct {
	kind       string
	def        value
	hasDefault bool
	unit       string
	scale      float64
	step       float64
	precision  int64
	typ        string
	min, max   value
	choices    []value
}

// opaqueV is a host value the evaluator only passes around: a controller,
// a virtual device such as the scheduler, the device manager.
type opaqueV struct {
	desc string
	dmgr bool
}

// errV is a host value that could not be evaluated: a module-level name
// whose definition failed, a name imported from a module that is not on the
// path, or what host code derives from one (an attribute, a call's result:
// `self.comm = CommKernel(host)`, `self.target_cls = OR1KTarget`). It may be
// passed around, stored (the snapshot records it as opaque, desc naming it)
// and have attributes set (ignored), as a driver's constructor does with
// host-only objects that kernels never see. Any use that would compute
// another value from it (a test, an operator, a comparison, a subscript,
// iteration, a built-in function) reports the error.
type errV struct {
	err  error
	desc string // what it is, for the snapshot and messages: "logger", "comm_kernel.CommKernel()"
}

// typeName returns the Python type name of v, as type(v).__name__ gives it
// (with module for classes outside builtins).
func typeName(v value) string {
	switch v := v.(type) {
	case noneT:
		return "NoneType"
	case bool:
		return "bool"
	case intV:
		switch v.np {
		case np32:
			return "numpy.int32"
		case np64:
			return "numpy.int64"
		}
		return "int"
	case float64:
		return "float"
	case string:
		return "str"
	case *listV:
		return "list"
	case *tupleV:
		return "tuple"
	case *dictV:
		return "dict"
	case *setV:
		return "set"
	case *arrayV:
		return "numpy.ndarray"
	case *rangeV:
		return "range"
	case *instance:
		return v.cls.qualName()
	case *classV:
		return "type"
	case *funcV:
		return "function"
	case *boundV:
		return "method"
	case *builtinV:
		return "builtin_function_or_method"
	case *moduleV:
		return "module"
	case *superV:
		return "super"
	case *procV:
		return "artiq.language.environment." + v.kind
	case *opaqueV:
		return v.desc
	}
	return fmt.Sprintf("%T", v)
}

func truth(v value) bool {
	switch v := v.(type) {
	case noneT:
		return false
	case bool:
		return v
	case intV:
		return v.v != 0
	case float64:
		return v != 0
	case string:
		return v != ""
	case *listV:
		return len(v.elems) > 0
	case *tupleV:
		return len(v.elems) > 0
	case *dictV:
		return len(v.keys) > 0
	case *setV:
		return len(v.items) > 0
	case *rangeV:
		return v.length() > 0
	case *arrayV:
		return v.size() > 0
	}
	return true
}

func (r *rangeV) length() int64 {
	if r.step > 0 && r.start < r.stop {
		return (r.stop - r.start + r.step - 1) / r.step
	}
	if r.step < 0 && r.start > r.stop {
		return (r.start - r.stop - r.step - 1) / -r.step
	}
	return 0
}

func (a *arrayV) size() int {
	if a.elem == KindFloat {
		return len(a.floats)
	}
	return len(a.ints)
}

// at returns element i of the flattened array as a scalar value.
func (a *arrayV) at(i int) value {
	switch a.elem {
	case KindFloat:
		return a.floats[i]
	case KindBool:
		return a.ints[i] != 0
	case KindInt32:
		return intV{a.ints[i], np32}
	}
	return intV{a.ints[i], np64}
}

// ----------------------------------------------------------------------------
// Hashing (dict keys, set items), equality, repr

// hashKey returns a string that equal hashable values share (1, 1.0 and
// True are the same key, as in Python).
func (ip *interp) hashKey(v value, pos Pos) (string, error) {
	if err := ip.step(pos); err != nil {
		return "", err
	}
	switch v := v.(type) {
	case noneT:
		return "N", nil
	case bool:
		if v {
			return "n1", nil
		}
		return "n0", nil
	case intV:
		return "n" + strconv.FormatInt(v.v, 10), nil
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1e18 {
			return "n" + strconv.FormatInt(int64(v), 10), nil
		}
		return "f" + FormatFloat(v), nil
	case string:
		return "s" + v, nil
	case *tupleV:
		var b strings.Builder
		b.WriteString("t(")
		for _, e := range v.elems {
			k, err := ip.hashKey(e, pos)
			if err != nil {
				return "", err
			}
			b.WriteString(strconv.Itoa(len(k)))
			b.WriteByte(':')
			b.WriteString(k)
		}
		b.WriteByte(')')
		return b.String(), nil
	case *instance, *classV, *funcV, *moduleV, *opaqueV, *builtinV, *procV:
		return fmt.Sprintf("o%p", v), nil
	}
	return "", ip.errAt(pos, "TypeError: unhashable type: '%s'", typeName(v))
}

func asFloat(v value) (float64, bool) {
	switch v := v.(type) {
	case bool:
		if v {
			return 1, true
		}
		return 0, true
	case intV:
		return float64(v.v), true
	case float64:
		return v, true
	}
	return 0, false
}

func asInt(v value) (intV, bool) {
	switch v := v.(type) {
	case bool:
		if v {
			return intV{1, pyInt}, true
		}
		return intV{0, pyInt}, true
	case intV:
		return v, true
	}
	return intV{}, false
}

func isNumber(v value) bool {
	_, ok := asFloat(v)
	return ok
}

// equal is Python's ==.
func (ip *interp) equal(a, b value, pos Pos) (bool, error) {
	if err := ip.step(pos); err != nil {
		return false, err
	}
	if isNumber(a) && isNumber(b) {
		ai, aok := asInt(a)
		bi, bok := asInt(b)
		if aok && bok {
			return ai.v == bi.v, nil
		}
		af, _ := asFloat(a)
		bf, _ := asFloat(b)
		return af == bf, nil
	}
	switch a := a.(type) {
	case noneT:
		_, ok := b.(noneT)
		return ok, nil
	case string:
		bs, ok := b.(string)
		return ok && a == bs, nil
	case *listV:
		bl, ok := b.(*listV)
		if !ok {
			return false, nil
		}
		return ip.equalSeq(a.elems, bl.elems, pos)
	case *tupleV:
		bt, ok := b.(*tupleV)
		if !ok {
			return false, nil
		}
		return ip.equalSeq(a.elems, bt.elems, pos)
	case *dictV:
		bd, ok := b.(*dictV)
		if !ok || len(a.keys) != len(bd.keys) {
			return false, nil
		}
		for i, k := range a.keys {
			hk, err := ip.hashKey(k, pos)
			if err != nil {
				return false, err
			}
			j, ok := bd.index[hk]
			if !ok {
				return false, nil
			}
			eq, err := ip.equal(a.vals[i], bd.vals[j], pos)
			if err != nil || !eq {
				return false, err
			}
		}
		return true, nil
	case *setV:
		bs, ok := b.(*setV)
		if !ok || len(a.items) != len(bs.items) {
			return false, nil
		}
		for k := range a.index {
			if _, ok := bs.index[k]; !ok {
				return false, nil
			}
		}
		return true, nil
	case *rangeV:
		br, ok := b.(*rangeV)
		return ok && *a == *br, nil
	case *arrayV:
		return false, ip.errAt(pos, "comparing NumPy arrays with == is not supported by the snapshot evaluator")
	}
	return a == b, nil
}

func (ip *interp) equalSeq(a, b []value, pos Pos) (bool, error) {
	if len(a) != len(b) {
		return false, nil
	}
	for i := range a {
		eq, err := ip.equal(a[i], b[i], pos)
		if err != nil || !eq {
			return false, err
		}
	}
	return true, nil
}

// maxStr is the largest string, list or repr the evaluator builds.
const maxStr = 1 << 22

// repr returns Python's repr(v).
func (ip *interp) repr(v value, pos Pos) (string, error) {
	var b strings.Builder
	if err := ip.writeRepr(&b, v, pos, true); err != nil {
		return "", err
	}
	return b.String(), nil
}

// str returns Python's str(v).
func (ip *interp) str(v value, pos Pos) (string, error) {
	if s, ok := v.(string); ok {
		return s, nil
	}
	var b strings.Builder
	if err := ip.writeRepr(&b, v, pos, false); err != nil {
		return "", err
	}
	return b.String(), nil
}

func (ip *interp) writeRepr(b *strings.Builder, v value, pos Pos, top bool) error {
	if err := ip.step(pos); err != nil {
		return err
	}
	if b.Len() > maxStr {
		return ip.errAt(pos, "string too long for the snapshot evaluator")
	}
	seq := func(open, close string, elems []value, tuple bool) error {
		b.WriteString(open)
		for i, e := range elems {
			if i > 0 {
				b.WriteString(", ")
			}
			if err := ip.writeRepr(b, e, pos, true); err != nil {
				return err
			}
		}
		if tuple && len(elems) == 1 {
			b.WriteByte(',')
		}
		b.WriteString(close)
		return nil
	}
	switch v := v.(type) {
	case noneT:
		b.WriteString("None")
	case bool:
		b.WriteString(pyBool(v))
	case intV:
		b.WriteString(strconv.FormatInt(v.v, 10))
	case float64:
		b.WriteString(FormatFloat(v))
	case string:
		if top {
			b.WriteString(pyQuote(v))
		} else {
			b.WriteString(v)
		}
	case *listV:
		return seq("[", "]", v.elems, false)
	case *tupleV:
		return seq("(", ")", v.elems, true)
	case *setV:
		if len(v.items) == 0 {
			b.WriteString("set()")
			return nil
		}
		return seq("{", "}", v.items, false)
	case *dictV:
		b.WriteByte('{')
		for i := range v.keys {
			if i > 0 {
				b.WriteString(", ")
			}
			if err := ip.writeRepr(b, v.keys[i], pos, true); err != nil {
				return err
			}
			b.WriteString(": ")
			if err := ip.writeRepr(b, v.vals[i], pos, true); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	case *rangeV:
		if v.step == 1 {
			fmt.Fprintf(b, "range(%d, %d)", v.start, v.stop)
		} else {
			fmt.Fprintf(b, "range(%d, %d, %d)", v.start, v.stop, v.step)
		}
	case *arrayV:
		return ip.errAt(pos, "formatting a NumPy array as text is not supported by the snapshot evaluator")
	case *classV:
		fmt.Fprintf(b, "<class '%s'>", v.qualName())
	case *instance:
		if v.device != "" {
			fmt.Fprintf(b, "<%s object (device %s)>", v.cls.qualName(), v.device)
		} else {
			fmt.Fprintf(b, "<%s object>", v.cls.qualName())
		}
	default:
		fmt.Fprintf(b, "<%s>", typeName(v))
	}
	return nil
}

// pyQuote returns Python's repr of a str.
func pyQuote(s string) string {
	q := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		q = '"'
	}
	var b strings.Builder
	b.WriteByte(q)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteString(`\ufffd`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == rune(q):
			b.WriteByte('\\')
			b.WriteByte(q)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r < 0x7f:
			b.WriteRune(r)
		case unicode.IsPrint(r):
			b.WriteRune(r)
		case r <= 0xff:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r <= 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			fmt.Fprintf(&b, `\U%08x`, r)
		}
	}
	b.WriteByte(q)
	return b.String()
}

// ----------------------------------------------------------------------------
// dict and set helpers

func newDict() *dictV { return &dictV{index: map[string]int{}} }

func (ip *interp) dictSet(d *dictV, k, v value, at Pos, pos Pos) error {
	hk, err := ip.hashKey(k, pos)
	if err != nil {
		return err
	}
	if i, ok := d.index[hk]; ok {
		d.vals[i] = v
		d.pos[i] = at
		return nil
	}
	d.index[hk] = len(d.keys)
	d.keys = append(d.keys, k)
	d.vals = append(d.vals, v)
	d.pos = append(d.pos, at)
	return nil
}

func (ip *interp) dictGet(d *dictV, k value, pos Pos) (value, bool, error) {
	hk, err := ip.hashKey(k, pos)
	if err != nil {
		return nil, false, err
	}
	i, ok := d.index[hk]
	if !ok {
		return nil, false, nil
	}
	return d.vals[i], true, nil
}

func (ip *interp) dictDelete(d *dictV, k value, pos Pos) (bool, error) {
	hk, err := ip.hashKey(k, pos)
	if err != nil {
		return false, err
	}
	i, ok := d.index[hk]
	if !ok {
		return false, nil
	}
	d.keys = append(d.keys[:i:i], d.keys[i+1:]...)
	d.vals = append(d.vals[:i:i], d.vals[i+1:]...)
	d.pos = append(d.pos[:i:i], d.pos[i+1:]...)
	d.index = map[string]int{}
	for j, k := range d.keys {
		hk, _ := ip.hashKey(k, pos)
		d.index[hk] = j
	}
	return true, nil
}

func newSet() *setV { return &setV{index: map[string]int{}} }

func (ip *interp) setAdd(s *setV, v value, pos Pos) error {
	hk, err := ip.hashKey(v, pos)
	if err != nil {
		return err
	}
	if _, ok := s.index[hk]; !ok {
		s.index[hk] = len(s.items)
		s.items = append(s.items, v)
	}
	return nil
}

func (ip *interp) setHas(s *setV, v value, pos Pos) (bool, error) {
	hk, err := ip.hashKey(v, pos)
	if err != nil {
		return false, err
	}
	_, ok := s.index[hk]
	return ok, nil
}

func (ip *interp) setRemove(s *setV, v value, pos Pos) (bool, error) {
	hk, err := ip.hashKey(v, pos)
	if err != nil {
		return false, err
	}
	i, ok := s.index[hk]
	if !ok {
		return false, nil
	}
	s.items = append(s.items[:i:i], s.items[i+1:]...)
	s.index = map[string]int{}
	for j, it := range s.items {
		hk, _ := ip.hashKey(it, pos)
		s.index[hk] = j
	}
	return true, nil
}

func (ip *interp) copySet(s *setV) *setV {
	n := newSet()
	n.items = append(n.items, s.items...)
	for k, v := range s.index {
		n.index[k] = v
	}
	return n
}
