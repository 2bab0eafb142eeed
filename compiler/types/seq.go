package types

import (
	"github.com/rules-artiq/rules_artiq/compiler/syntax"
)

// targetNames lists the names an assignment target binds.
func targetNames(e syntax.Expr) []*syntax.Name {
	switch e := e.(type) {
	case *syntax.Name:
		return []*syntax.Name{e}
	case *syntax.Tuple:
		var out []*syntax.Name
		for _, x := range e.Elts {
			out = append(out, targetNames(x)...)
		}
		return out
	case *syntax.List:
		var out []*syntax.Name
		for _, x := range e.Elts {
			out = append(out, targetNames(x)...)
		}
		return out
	}
	return nil
}

// assignComposite checks assignments to tuple targets and subscripts.
func (c *checker) assignComposite(target syntax.Expr, vt Type, value syntax.Expr) {
	switch t := target.(type) {
	case *syntax.Tuple, *syntax.List:
		var elts []syntax.Expr
		if tt, ok := t.(*syntax.Tuple); ok {
			elts = tt.Elts
		} else {
			elts = t.(*syntax.List).Elts
		}
		if v, unknown := Resolve(vt).(*Var); unknown && !v.isInt {
			// The value of a function checked later: a tuple of as many
			// values as there are targets.
			tt := &Tuple{}
			for range elts {
				tt.Elems = append(tt.Elems, c.fresh())
			}
			unify(vt, tt)
		}
		c.b.Types[target] = vt
		switch v := Resolve(vt).(type) {
		case *Tuple:
			if len(v.Elems) != len(elts) {
				c.errorf(target.Pos(), "cannot unpack a tuple of %d values into %d targets", len(v.Elems), len(elts))
				return
			}
			for i, e := range elts {
				c.assign(e, v.Elems[i], nil)
			}
		case *List:
			// Unpacking a list checks its length at run time.
			for _, e := range elts {
				c.assign(e, v.Elem, nil)
			}
		case *Array:
			// ... and so does unpacking an array (its elements or rows).
			for _, e := range elts {
				c.assign(e, ArrayElemType(v), nil)
			}
		default:
			c.errorf(target.Pos(), "type mismatch: cannot unpack a value of type %s", Final(vt))
		}
	case *syntax.Subscript:
		xt := c.expr(t.X)
		if a := arrayOf(xt); a != nil {
			c.storeArray(t, a, vt, value) // array.go
			return
		}
		if sl, ok := t.Index.(*syntax.Slice); ok {
			c.sliceBounds(sl)
			if _, isList := Resolve(xt).(*List); !isList {
				c.errorf(t.Pos(), "type mismatch: slice assignment needs a list, found %s", Final(xt))
				return
			}
			if value != nil {
				c.expect(value, vt, xt)
			} else if !unify(vt, xt) {
				c.errorf(target.Pos(), "type mismatch: cannot assign %s to a slice of %s", Final(vt), Final(xt))
			}
			c.b.Types[target] = xt
			return
		}
		it := c.expr(t.Index)
		if Is(xt, ByteArray) || Is(xt, Bytes) { // bytes.go
			c.storeByte(t, xt, it, vt, value)
			return
		}
		c.listIfUnknown(xt)
		l, ok := Resolve(xt).(*List)
		if !ok {
			c.errorf(t.X.Pos(), "type mismatch: item assignment needs a list, found %s", Final(xt))
			return
		}
		if !IsInt(it) {
			c.errorf(t.Index.Pos(), "type mismatch: list indices must be integers, found %s", Final(it))
		}
		c.b.Types[target] = l.Elem
		if !unify(l.Elem, vt) && !c.coercible(vt, l.Elem) {
			pos := target.Pos()
			if value != nil {
				pos = value.Pos()
			}
			c.errorf(pos, "type mismatch: cannot store %s in a %s", Final(vt), Final(xt))
		}
	case *syntax.Attribute:
		if n, ok := t.X.(*syntax.Name); ok {
			if obj := c.lookup(n); obj != nil && obj.Kind == ObjClass {
				c.b.Uses[n] = obj
				v := obj.Class.lookupConst(t.Name)
				if v == nil || v.Kind != ObjGlobal {
					c.errorf(t.NamePos, "class %s has no attribute %q to assign; class attributes are defined in the class body", obj.Class.Name, t.Name)
					return
				}
				c.b.Targets[target] = v
				c.b.Types[target] = v.Type
				if !unify(v.Type, vt) && !c.coercible(vt, v.Type) {
					pos := target.Pos()
					if value != nil {
						pos = value.Pos()
					}
					c.errorf(pos, "type mismatch: class attribute %s.%s has type %s, cannot assign a value of type %s", obj.Class.Name, t.Name, Final(v.Type), Final(vt))
				}
				return
			}
		}
		xt := c.expr(t.X)
		cl := classOf(xt)
		if cl == nil {
			c.errorf(t.Pos(), "type mismatch: cannot set attribute %q of a value of type %s", t.Name, Final(xt))
			return
		}
		ft := c.instanceAttr(t, cl, true)
		if ft == nil {
			return
		}
		if _, isConst := c.b.Attrs[t]; isConst {
			c.errorf(t.NamePos, "cannot assign to class constant %q through an instance", t.Name)
			return
		}
		c.b.Types[target] = ft
		if !unify(ft, vt) && !c.coercible(vt, ft) {
			pos := target.Pos()
			if value != nil {
				pos = value.Pos()
			}
			c.errorf(pos, "type mismatch: attribute %q has type %s, cannot assign a value of type %s", t.Name, Final(ft), Final(vt))
		}
	default:
		c.errorf(target.Pos(), "cannot assign to this expression")
	}
}

func (c *checker) listExpr(e *syntax.List) Type {
	elem := Type(c.fresh())
	for _, x := range e.Elts {
		xt := c.expr(x)
		if IsNumeric(elem) && IsNumeric(xt) && !unify(elem, xt) {
			elem = c.arith(elem, xt)
			continue
		}
		if !unify(elem, xt) {
			d := c.errorf(x.Pos(), "type mismatch: list elements must all have the same type; this is %s, earlier ones are %s", Final(xt), Final(elem))
			if a, b := classOf(xt), classOf(elem); a != nil && b != nil && (inherits(a, b) || inherits(b, a)) {
				d.Hint = "kernel classes have no subtypes (ARTIQ's rule): a list holds instances of one class"
			}
		}
	}
	return &List{Elem: elem}
}

func (c *checker) tupleExpr(e *syntax.Tuple) Type {
	t := &Tuple{}
	for _, x := range e.Elts {
		t.Elems = append(t.Elems, c.expr(x))
	}
	return t
}

func (c *checker) sliceBounds(s *syntax.Slice) {
	for _, b := range []syntax.Expr{s.Lo, s.Hi, s.Step} {
		if b == nil {
			continue
		}
		if bt := c.expr(b); !IsInt(bt) {
			c.errorf(b.Pos(), "type mismatch: slice bounds must be integers, found %s", Final(bt))
		}
	}
}

// constIndex returns the value of a constant integer index expression.
func constIndex(e syntax.Expr) (int64, bool) {
	switch e := e.(type) {
	case *syntax.IntLit:
		v, ok := parseInt(e.Text)
		if ok && v.IsInt64() {
			return v.Int64(), true
		}
	case *syntax.Unary:
		if e.Op == syntax.Sub {
			if v, ok := constIndex(e.X); ok {
				return -v, true
			}
		}
	}
	return 0, false
}

// listIfUnknown makes a value of unknown type that the code indexes or
// measures a list: ARTIQ's drivers take their data unannotated
// (`write_ram(self, data)`: `len(data)`, `data[i]`), and lists are what
// kernels pass them.
func (c *checker) listIfUnknown(t Type) {
	if cp := c.capturing(); len(c.errs) > 0 || cp != nil && len(cp.errs) > 0 {
		return // the unknown value may be an earlier error's (a dict display)
	}
	if isFreeVar(t) {
		unify(t, &List{Elem: c.fresh()})
	}
}

func (c *checker) subscript(e *syntax.Subscript) Type {
	xt := c.expr(e.X)
	if a := arrayOf(xt); a != nil {
		return c.arraySubscript(e, a) // array.go
	}
	if _, isSlice := e.Index.(*syntax.Slice); !isSlice {
		c.listIfUnknown(xt)
	}
	if sl, ok := e.Index.(*syntax.Slice); ok {
		c.sliceBounds(sl)
		switch Resolve(xt).(type) {
		case *List:
			return xt
		}
		if Is(xt, Str) || IsBytesLike(xt) {
			return Resolve(xt)
		}
		c.errorf(e.Pos(), "type mismatch: cannot slice a value of type %s", Final(xt))
		return nil
	}
	switch x := Resolve(xt).(type) {
	case *Tuple:
		i, ok := constIndex(e.Index)
		if !ok {
			c.errorf(e.Index.Pos(), "a tuple index must be a constant integer")
			return nil
		}
		c.expr(e.Index)
		if i < 0 {
			i += int64(len(x.Elems))
		}
		if i < 0 || i >= int64(len(x.Elems)) {
			c.errorf(e.Index.Pos(), "tuple index out of range: the tuple has %d elements", len(x.Elems))
			return nil
		}
		return x.Elems[i]
	case *List:
		if it := c.expr(e.Index); !IsInt(it) {
			c.errorf(e.Index.Pos(), "type mismatch: list indices must be integers, found %s", Final(it))
		}
		return x.Elem
	case *Range:
		if it := c.expr(e.Index); !IsInt(it) {
			c.errorf(e.Index.Pos(), "type mismatch: range indices must be integers, found %s", Final(it))
		}
		return x.Elem
	}
	if Is(xt, Str) {
		if it := c.expr(e.Index); !IsInt(it) {
			c.errorf(e.Index.Pos(), "type mismatch: string indices must be integers, found %s", Final(it))
		}
		return TStr // a one-character string
	}
	if IsBytesLike(xt) {
		if it := c.expr(e.Index); !IsInt(it) {
			c.errorf(e.Index.Pos(), "type mismatch: %s indices must be integers, found %s", Final(xt), Final(it))
		}
		return TInt32
	}
	c.expr(e.Index)
	if _, unknown := Resolve(xt).(*Var); unknown && len(c.errs) > 0 {
		return nil // the value's own error was reported
	}
	c.errorf(e.X.Pos(), "type mismatch: a value of type %s cannot be indexed", Final(xt))
	return nil
}

// iterElem is the element type of a for loop's iterable.
func (c *checker) iterElem(iter syntax.Expr) Type {
	t := c.expr(iter)
	switch x := Resolve(t).(type) {
	case *List:
		return x.Elem
	case *Range:
		return x.Elem
	case *Tuple:
		if len(x.Elems) == 0 {
			return c.fresh()
		}
		for _, e := range x.Elems[1:] {
			if !unify(x.Elems[0], e) {
				c.errorf(iter.Pos(), "cannot iterate over a tuple whose elements have different types (%s)", Final(t))
				return nil
			}
		}
		return x.Elems[0]
	}
	if IsBytesLike(t) {
		return TInt32
	}
	if a := arrayOf(t); a != nil {
		return ArrayElemType(a)
	}
	if Is(t, Str) {
		return TStr // its characters
	}
	c.errorf(iter.Pos(), "type mismatch: cannot iterate over a value of type %s", Final(t))
	return nil
}

func (c *checker) listComp(e *syntax.ListComp) Type {
	scope := map[string]*Object{}
	c.comps = append(c.comps, scope)
	defer func() { c.comps = c.comps[:len(c.comps)-1] }()
	for _, g := range e.Gens {
		elem := c.iterElem(g.Iter)
		if elem == nil {
			elem = c.fresh()
		}
		for _, n := range targetNames(g.Target) {
			obj := &Object{Kind: ObjLocal, Name: n.Value, Type: c.fresh(), Pos: n.Pos()}
			scope[n.Value] = obj
			if c.fn != nil {
				c.fn.Locals = append(c.fn.Locals, obj)
			}
		}
		c.assign(g.Target, elem, nil)
		for _, cond := range g.Ifs {
			c.cond(cond)
		}
	}
	return &List{Elem: c.expr(e.Elt)}
}

// seqLen reports whether len() applies to t.
func seqLen(t Type) bool {
	switch Resolve(t).(type) {
	case *List, *Tuple, *Range, *Array:
		return true
	}
	return Is(t, Str) || IsBytesLike(t)
}

// seqBinary types + and * on lists and tuples; handled is false when
// neither operand is a sequence.
func (c *checker) seqBinary(op syntax.Op, x, y Type) (t Type, handled bool) {
	xl, xIsList := Resolve(x).(*List)
	yl, yIsList := Resolve(y).(*List)
	xt, xIsTuple := Resolve(x).(*Tuple)
	yt, yIsTuple := Resolve(y).(*Tuple)
	if !xIsList && !yIsList && !xIsTuple && !yIsTuple {
		return nil, false
	}
	switch {
	case op == syntax.Add && xIsList && yIsList:
		if unify(xl.Elem, yl.Elem) {
			return x, true
		}
	case op == syntax.Add && xIsTuple && yIsTuple:
		elems := append(append([]Type{}, xt.Elems...), yt.Elems...)
		return &Tuple{Elems: elems}, true
	case op == syntax.Mul && xIsList && IsInt(y):
		return x, true
	case op == syntax.Mul && yIsList && IsInt(x):
		return y, true
	}
	return nil, true
}
