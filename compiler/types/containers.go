package types

import (
	"strings"
)

// List is a homogeneous, fixed-length list: its elements live in the
// kernel heap and are shared between the copies of a list value, as Python
// lists are shared between names.
type List struct{ Elem Type }

func (l *List) String() string { return "list[" + l.Elem.String() + "]" }

// Tuple is an immutable heterogeneous tuple, held by value.
type Tuple struct{ Elems []Type }

func (t *Tuple) String() string {
	var parts []string
	for _, e := range t.Elems {
		parts = append(parts, e.String())
	}
	return "tuple[" + strings.Join(parts, ", ") + "]"
}

// Range is a range(start, stop, step) value of the given integer type.
type Range struct{ Elem Type }

func (r *Range) String() string { return "range" }

// unifyComposite unifies lists, tuples and ranges.
func unifyComposite(a, b Type) (ok, handled bool) {
	switch a := a.(type) {
	case *List:
		bl, isList := b.(*List)
		return isList && unify(a.Elem, bl.Elem), true
	case *Range:
		br, isRange := b.(*Range)
		return isRange && unify(a.Elem, br.Elem), true
	case *Array:
		ba, isArray := b.(*Array)
		return isArray && a.NDims == ba.NDims && unify(a.Elem, ba.Elem), true
	case *Tuple:
		bt, isTuple := b.(*Tuple)
		if !isTuple || len(a.Elems) != len(bt.Elems) {
			return false, true
		}
		for i := range a.Elems {
			if !unify(a.Elems[i], bt.Elems[i]) {
				return false, true
			}
		}
		return true, true
	}
	return false, false
}

func occursComposite(v *Var, t Type) bool {
	switch t := t.(type) {
	case *List:
		return occurs(v, t.Elem)
	case *Range:
		return occurs(v, t.Elem)
	case *Array:
		return occurs(v, t.Elem)
	case *Tuple:
		for _, e := range t.Elems {
			if occurs(v, e) {
				return true
			}
		}
	}
	return false
}

func finalComposite(t Type) {
	switch t := t.(type) {
	case *List:
		t.Elem = Final(t.Elem)
	case *Range:
		t.Elem = Final(t.Elem)
	case *Array:
		t.Elem = Final(t.Elem)
	case *Tuple:
		for i := range t.Elems {
			t.Elems[i] = Final(t.Elems[i])
		}
	}
}

// IsConcrete reports whether t contains no unbound type variable.
func IsConcrete(t Type) bool {
	switch t := Resolve(t).(type) {
	case *Var:
		return false
	case *List:
		return IsConcrete(t.Elem)
	case *Range:
		return IsConcrete(t.Elem)
	case *Array:
		return IsConcrete(t.Elem)
	case *Tuple:
		for _, e := range t.Elems {
			if !IsConcrete(e) {
				return false
			}
		}
	case *Func:
		for _, p := range t.Params {
			if !IsConcrete(p.Type) {
				return false
			}
		}
		return IsConcrete(t.Result)
	}
	return true
}

// parseTypeString parses the annotation syntax used in interface files:
// int32, list[float], tuple[int32, list[bool]].
func parseTypeString(s string) Type {
	s = strings.TrimSpace(s)
	if t := parseTypeName(s); t != nil {
		return t
	}
	open := strings.IndexByte(s, '[')
	if open < 0 || !strings.HasSuffix(s, "]") {
		return nil
	}
	head, inner := s[:open], s[open+1:len(s)-1]
	args := splitTop(inner)
	switch head {
	case "list":
		if len(args) != 1 {
			return nil
		}
		if e := parseTypeString(args[0]); e != nil {
			return &List{Elem: e}
		}
	case "tuple":
		var elems []Type
		for _, a := range args {
			e := parseTypeString(a)
			if e == nil {
				return nil
			}
			elems = append(elems, e)
		}
		return &Tuple{Elems: elems}
	case "array":
		return parseArrayType(args)
	}
	return nil
}

// splitTop splits s at commas outside brackets.
func splitTop(s string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range s {
		switch r {
		case '[':
			depth++
		case ']':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

// defaultElems binds element types that nothing constrained (the elements
// of `[]` compared with `[]`, say) to int32: no program can observe them.
func defaultElems(t Type) {
	switch t := Resolve(t).(type) {
	case *List:
		if v, ok := Resolve(t.Elem).(*Var); ok {
			v.ref = TInt32
		}
		defaultElems(t.Elem)
	case *Array:
		if v, ok := Resolve(t.Elem).(*Var); ok && !v.isInt {
			v.ref = TFloat // NumPy's default dtype
		}
	case *Tuple:
		for _, e := range t.Elems {
			if _, ok := Resolve(e).(*Var); !ok {
				defaultElems(e)
			}
		}
	}
}
