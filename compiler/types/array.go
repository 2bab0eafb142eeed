package types

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/rules-artiq/rules_artiq/compiler/syntax"
)

// NumPy-style arrays, as ARTIQ's kernels have them: array(...) and
// numpy.array(...) of (nested) lists, numpy.zeros/ones/full/arange/
// linspace, element-wise arithmetic and comparisons with NumPy's
// broadcasting, indexing (a[i], m[i, j], m[i] a row), a[lo:hi] views,
// item and slice assignment, len, .shape, iteration, NumPy's printing,
// and the numpy math functions element-wise.
//
// An array's type is its element type (int32, int64, float or bool) and
// its number of dimensions; the shape is a run-time value. The value is
// ARTIQ's layout {T* elements, i32 shape[n]}: the elements, row-major and
// contiguous, live in the kernel heap and are shared by every value that
// refers to them, as NumPy's views share their base: a row m[i] and a
// slice a[lo:hi] are views, and writes through them change the array.

// Array is a NumPy-style array of NDims >= 1 dimensions.
type Array struct {
	Elem  Type
	NDims int
}

func (a *Array) String() string {
	return fmt.Sprintf("array[%s, %d]", a.Elem, a.NDims)
}

// isArrayElem reports whether arrays may hold t.
func isArrayElem(t Type) bool {
	return Is(t, Int32) || Is(t, Int64) || Is(t, Float) || Is(t, Bool) || IsInt(t)
}

// arrayOf returns t as an array, or nil.
func arrayOf(t Type) *Array {
	a, _ := Resolve(t).(*Array)
	return a
}

// parseArrayType parses array[T, n] and array[T] (one dimension).
func parseArrayType(args []string) Type {
	if len(args) < 1 || len(args) > 2 {
		return nil
	}
	elem := parseTypeString(args[0])
	if elem == nil || !isArrayElem(elem) {
		return nil
	}
	n := 1
	if len(args) == 2 {
		v, err := strconv.Atoi(strings.TrimSpace(args[1]))
		if err != nil || v < 1 || v > 16 {
			return nil
		}
		n = v
	}
	return &Array{Elem: elem, NDims: n}
}

// arrayAnnotation converts array[T, n] / array[T] in annotations.
func (c *checker) arrayAnnotation(pos syntax.Pos, args []syntax.Expr) Type {
	if len(args) < 1 || len(args) > 2 {
		c.errorf(pos, "an array annotation is array[T] or array[T, n]")
		return c.fresh()
	}
	elem := c.annotation(args[0])
	if !isArrayElem(elem) {
		c.errorf(args[0].Pos(), "unsupported dtype: kernel arrays hold int32, int64, float or bool, not %s", Final(elem))
		return c.fresh()
	}
	n := int64(1)
	if len(args) == 2 {
		v, ok := constIndex(args[1])
		if !ok || v < 1 || v > 16 {
			c.errorf(args[1].Pos(), "the number of dimensions of an array annotation must be a constant from 1 to 16")
			return c.fresh()
		}
		n = v
	}
	return &Array{Elem: elem, NDims: int(n)}
}

// legacyArrayAnnotation converts ARTIQ's TArray(T) and TArray(T, n).
func (c *checker) legacyArrayAnnotation(e *syntax.Call) Type {
	args := append([]syntax.Expr{}, e.Args...)
	for _, k := range e.Keywords {
		if k.Name != "num_dims" || len(args) != 1 {
			c.errorf(k.P, "TArray takes the element type and optionally the number of dimensions (num_dims)")
			return c.fresh()
		}
		args = append(args, k.Value)
	}
	if len(args) < 1 || len(args) > 2 {
		c.errorf(e.Pos(), "TArray takes the element type and optionally the number of dimensions")
		return c.fresh()
	}
	return c.arrayAnnotation(e.Pos(), args)
}

// ---------------------------------------------------------------------------
// Creation

// isArrayBuiltin reports the builtins that make arrays.
func isArrayBuiltin(name string) bool {
	switch name {
	case "array", "numpy.array", "numpy.zeros", "numpy.ones", "numpy.full", "numpy.arange", "numpy.linspace":
		return true
	}
	return false
}

// isArrayReduce reports numpy's reductions, which kernels have as the
// methods of arrays.
func isArrayReduce(name string) bool {
	switch name {
	case "numpy.sum", "numpy.mean", "numpy.min", "numpy.max", "numpy.amin", "numpy.amax":
		return true
	}
	return false
}

// dtype converts the value of a dtype= keyword to an element type: the
// kernel's type names, NumPy's (numpy.int32, np.float64, numpy.bool_) and
// Python's (int is NumPy's default integer, int64).
func (c *checker) dtype(e syntax.Expr) Type {
	name := ""
	switch x := e.(type) {
	case *syntax.Name:
		name = x.Value
		if obj := c.lookup(x); obj == nil || obj.Kind != ObjBuiltin {
			name = ""
		}
	case *syntax.Attribute:
		if n, ok := x.X.(*syntax.Name); ok && c.isNumpy(n.Value) {
			name = "numpy." + x.Name
		}
	case *syntax.StrLit:
		name = "numpy." + x.Value
	}
	switch name {
	case "int32", "numpy.int32":
		return TInt32
	case "int64", "int", "numpy.int64", "numpy.int_":
		return TInt64
	case "float", "numpy.float64", "numpy.float", "numpy.float_", "numpy.double":
		return TFloat
	case "bool", "numpy.bool_", "numpy.bool":
		return TBool
	}
	written := dotted(e)
	if s, ok := e.(*syntax.StrLit); ok {
		written = "'" + s.Value + "'"
	}
	if written == "" {
		written = "this value"
	}
	d := c.errorf(e.Pos(), "unsupported dtype: kernel arrays hold int32, int64, float or bool, not %s", written)
	d.Hint = "write dtype=numpy.int32, numpy.int64, float or bool"
	return nil
}

// arrayBuiltin types the array-making builtins.
func (c *checker) arrayBuiltin(e *syntax.Call, obj *Object) Type {
	name := obj.Name
	ci := &CallInfo{Callee: obj, Builtin: name, Args: e.Args}
	c.b.Calls[e] = ci
	var dtype Type
	var num syntax.Expr // linspace's num=
	for _, k := range e.Keywords {
		switch {
		case k.Name == "dtype" && name != "numpy.linspace":
			c.b.Types[k.Value] = TNone
			dtype = c.dtype(k.Value)
			if dtype == nil {
				dtype = c.fresh()
			}
		case k.Name == "num" && name == "numpy.linspace":
			num = k.Value
		default:
			c.errorf(k.P, "%s() got an unexpected keyword argument %q", name, k.Name)
		}
	}
	args := make([]Type, len(e.Args))
	for i, a := range e.Args {
		args[i] = c.expr(a)
	}
	nargs := func(lo, hi int) bool { return c.builtinArgCount(e, name, lo, hi) }
	switch name {
	case "array", "numpy.array":
		if !nargs(1, 1) {
			return nil
		}
		elem, n := c.arraySource(e.Args[0], args[0])
		if n == 0 {
			return nil
		}
		c.checkRagged(e.Args[0])
		if dtype != nil {
			elem = dtype
		}
		return c.newArrayType(e.Args[0].Pos(), elem, n)
	case "numpy.zeros", "numpy.ones":
		if !nargs(1, 1) {
			return nil
		}
		n := c.shapeArg(e.Args[0], args[0])
		if dtype == nil {
			dtype = TFloat
		}
		if n == 0 {
			return nil
		}
		return &Array{Elem: dtype, NDims: n}
	case "numpy.full":
		if !nargs(2, 2) {
			return nil
		}
		n := c.shapeArg(e.Args[0], args[0])
		fill := args[1]
		if !IsNumeric(fill) && !Is(fill, Bool) {
			c.errorf(e.Args[1].Pos(), "type mismatch: the fill value of numpy.full must be a number or a bool, found %s", Final(fill))
			return nil
		}
		if dtype == nil {
			dtype = fill
		}
		if n == 0 {
			return nil
		}
		return c.newArrayType(e.Args[1].Pos(), dtype, n)
	case "numpy.arange":
		if !nargs(1, 3) {
			return nil
		}
		elem := Type(c.freshInt())
		for i, a := range args {
			if !IsNumeric(a) {
				c.errorf(e.Args[i].Pos(), "type mismatch: numpy.arange() needs numbers, found %s", Final(a))
				return nil
			}
			elem = c.arith(elem, a)
		}
		if dtype != nil {
			if Is(dtype, Bool) || IsInt(dtype) && Is(elem, Float) {
				c.errorf(e.Pos(), "numpy.arange() of %s with dtype %s is not supported in kernels", Final(elem), Final(dtype))
				return nil
			}
			elem = dtype
		}
		return &Array{Elem: elem, NDims: 1}
	case "numpy.linspace":
		if num != nil {
			args = append(args, c.expr(num))
			ci.Args = append(append([]syntax.Expr{}, e.Args...), num)
		}
		if !nargs(2, 3) {
			return nil
		}
		for i, a := range args {
			if i < 2 && !IsNumeric(a) {
				c.errorf(ci.Args[i].Pos(), "type mismatch: numpy.linspace() needs numbers, found %s", Final(a))
			}
			if i == 2 && !IsInt(a) {
				c.errorf(ci.Args[i].Pos(), "type mismatch: the number of samples must be an integer, found %s", Final(a))
			}
		}
		return &Array{Elem: TFloat, NDims: 1}
	}
	return nil
}

// newArrayType is array[elem, n], reporting an element type that arrays
// cannot hold (checked again once inference is done, for elements whose
// type is not known yet).
func (c *checker) newArrayType(pos syntax.Pos, elem Type, n int) Type {
	if _, unknown := Resolve(elem).(*Var); unknown && !IsInt(elem) {
		c.pending = append(c.pending, pendingOp{pos: pos, t: elem, b: c.b, arrayElem: true})
	} else if !isArrayElem(elem) {
		c.errorf(pos, "unsupported dtype: kernel arrays hold int32, int64, float or bool, not %s", Final(elem))
		return nil
	}
	return &Array{Elem: elem, NDims: n}
}

// arraySource finds the element type and the number of dimensions of
// array(x): x is a (nested) list of scalars or of arrays, or an array.
// n is 0 after an error.
func (c *checker) arraySource(e syntax.Expr, t Type) (elem Type, n int) {
	t = Resolve(t)
	for {
		switch x := t.(type) {
		case *List:
			n++
			t = Resolve(x.Elem)
			continue
		case *Array:
			return x.Elem, n + x.NDims
		case *Range:
			if n == 0 {
				return x.Elem, 1
			}
		case *Var:
			if n == 0 {
				break
			}
			return x, n // the elements of an empty list: known later
		}
		break
	}
	if n == 0 {
		c.errorf(e.Pos(), "type mismatch: array() needs a list, a range or an array, found %s", Final(t))
		return nil, 0
	}
	if !isArrayElem(t) {
		c.errorf(e.Pos(), "unsupported dtype: kernel arrays hold int32, int64, float or bool, not %s", Final(t))
		return nil, 0
	}
	return t, n
}

// checkRagged reports a nested list literal whose rows differ in length,
// which NumPy rejects at run time ("inhomogeneous shape").
func (c *checker) checkRagged(e syntax.Expr) {
	l, ok := e.(*syntax.List)
	if !ok || len(l.Elts) == 0 {
		return
	}
	first, ok := l.Elts[0].(*syntax.List)
	if !ok {
		return
	}
	for _, x := range l.Elts[1:] {
		row, ok := x.(*syntax.List)
		if !ok {
			return
		}
		if len(row.Elts) != len(first.Elts) {
			d := c.errorf(row.Pos(), "ragged nested sequence: this row has %d element%s, the first has %d", len(row.Elts), plural(len(row.Elts)), len(first.Elts))
			d.Hint = "arrays are rectangular: every row needs the same length"
			return
		}
	}
	for _, x := range l.Elts {
		c.checkRagged(x)
	}
}

// shapeArg checks the shape argument of numpy.zeros/ones/full: an integer
// (one dimension) or a tuple of integers. It returns the number of
// dimensions, 0 after an error.
func (c *checker) shapeArg(e syntax.Expr, t Type) int {
	if IsInt(t) {
		return 1
	}
	if tup, ok := Resolve(t).(*Tuple); ok && len(tup.Elems) > 0 {
		for _, el := range tup.Elems {
			if !IsInt(el) {
				c.errorf(e.Pos(), "type mismatch: an array shape is an integer or a tuple of integers, found %s", Final(t))
				return 0
			}
		}
		return len(tup.Elems)
	}
	c.errorf(e.Pos(), "type mismatch: an array shape is an integer or a tuple of integers, found %s", Final(t))
	return 0
}

// ---------------------------------------------------------------------------
// Operations

// arrayElemArith is the element type of x op y for array elements or
// scalars, following NumPy's promotion (bools count as int32 next to
// numbers); nil when op does not apply.
func (c *checker) arrayElemArith(op syntax.Op, x, y Type) Type {
	xb, yb := Is(x, Bool), Is(y, Bool)
	switch op {
	case syntax.BitAnd, syntax.BitOr, syntax.BitXor:
		if xb && yb {
			return TBool
		}
		fallthrough
	case syntax.LShift, syntax.RShift:
		if xb {
			x = TInt32
		}
		if yb {
			y = TInt32
		}
		if !IsInt(x) || !IsInt(y) {
			return nil
		}
		if op == syntax.LShift || op == syntax.RShift {
			if Is(y, Int64) {
				return TInt64
			}
		}
		return c.arith(x, y)
	}
	if xb && yb {
		return nil // NumPy's bool arithmetic is logic; use &, |, ^
	}
	if xb {
		x = TInt32
	}
	if yb {
		y = TInt32
	}
	if !IsNumeric(x) || !IsNumeric(y) {
		return nil
	}
	if op == syntax.Div {
		return TFloat
	}
	return c.arith(x, y)
}

// operandArray describes an operand of an element-wise operation: its
// element type and dimensions (0 for a scalar); ok is false when it is
// neither an array, a (nested) list of scalars nor a scalar.
func (c *checker) operandArray(t Type) (elem Type, n int, ok bool) {
	switch x := Resolve(t).(type) {
	case *Array:
		return x.Elem, x.NDims, true
	case *List:
		elem, n := t, 0
		for {
			l, isList := Resolve(elem).(*List)
			if !isList {
				break
			}
			elem = l.Elem
			n++
		}
		if !isArrayElem(elem) {
			return nil, 0, false
		}
		return elem, n, true
	}
	if isArrayElem(t) {
		return t, 0, true
	}
	return nil, 0, false
}

// arrayBinary types x op y when an operand is an array (the other may be
// a scalar, an array or a list, which NumPy converts); handled is false
// when neither is an array.
func (c *checker) arrayBinary(pos syntax.Pos, op syntax.Op, x, y Type) (t Type, handled bool) {
	if arrayOf(x) == nil && arrayOf(y) == nil {
		return nil, false
	}
	// A scalar operand still unknown here met an array whose element type
	// is unknown too (binaryType unified them): array([]) + a[0].
	if isUnknownScalar(x) || isUnknownScalar(y) {
		c.errorf(pos, "cannot infer the element type of an array here (an empty array?); give it elements or a dtype: array([], dtype=float)")
		return nil, true
	}
	ex, nx, okx := c.operandArray(x)
	ey, ny, oky := c.operandArray(y)
	if !okx || !oky {
		c.errorf(pos, "type mismatch: unsupported operand types for %s: %s and %s", op, Final(x), Final(y))
		return nil, true
	}
	if op == syntax.MatMul {
		return c.matmulType(pos, x, y, ex, nx, ey, ny), true
	}
	elem := c.arrayElemArith(op, ex, ey)
	if elem == nil {
		d := c.errorf(pos, "type mismatch: unsupported operand types for %s: %s and %s", op, Final(x), Final(y))
		if Is(ex, Bool) && Is(ey, Bool) {
			d.Hint = "arithmetic on arrays of bool is not supported; use &, | and ^, or convert with array(a, dtype=int32)"
		}
		return nil, true
	}
	n := nx
	if ny > n {
		n = ny
	}
	return &Array{Elem: elem, NDims: n}, true
}

// arrayCompare types an element-wise comparison (an array of bool);
// handled is false when neither operand is an array.
func (c *checker) arrayCompare(e *syntax.Compare) (t Type, handled bool) {
	x, y := c.b.Types[e.X], c.b.Types[e.Ys[0]]
	if arrayOf(x) == nil && arrayOf(y) == nil {
		return nil, false
	}
	op := e.Ops[0]
	if len(e.Ops) > 1 {
		c.errorf(cmpPos(e, 1), "chained comparisons of arrays are not supported (NumPy's result would be an array, whose truth is ambiguous)")
		return nil, true
	}
	switch op {
	case syntax.In, syntax.NotIn:
		if l, isList := Resolve(y).(*List); isList && unify(x, l.Elem) {
			return TBool, true // an array in a list of arrays: NumPy's ==
		}
		a := arrayOf(y)
		if a == nil || (!IsNumeric(x) && !Is(x, Bool)) || (!IsNumeric(a.Elem) && !Is(a.Elem, Bool)) {
			c.errorf(cmpPos(e, 0), "type mismatch: cannot test whether %s is in %s", Final(x), Final(y))
		}
		return TBool, true
	case syntax.Is, syntax.IsNot:
		c.errorf(cmpPos(e, 0), "'%s' is only supported with None", op)
		return nil, true
	}
	// A scalar operand still unknown here met an array whose element type
	// is unknown too (binaryType unified them): array([]) + a[0].
	if isUnknownScalar(x) || isUnknownScalar(y) {
		c.errorf(cmpPos(e, 0), "cannot infer the element type of an array here (an empty array?); give it elements or a dtype: array([], dtype=float)")
		return nil, true
	}
	ex, nx, okx := c.operandArray(x)
	ey, ny, oky := c.operandArray(y)
	if !okx || !oky {
		c.errorf(cmpPos(e, 0), "type mismatch: cannot compare %s and %s with %s", Final(x), Final(y), op)
		return nil, true
	}
	if IsNumeric(ex) && IsNumeric(ey) {
		c.arith(ex, ey)
	}
	n := nx
	if ny > n {
		n = ny
	}
	return &Array{Elem: TBool, NDims: n}, true
}

// arrayUnary types -a, +a, ~a and `not a` on arrays.
func (c *checker) arrayUnary(e *syntax.Unary, a *Array) Type {
	switch e.Op {
	case syntax.Not:
		return TBool // the truth of the array, checked at run time
	case syntax.Sub, syntax.Add:
		if Is(a.Elem, Bool) {
			c.errorf(e.Pos(), "type mismatch: unary %s is not supported on arrays of bool", e.Op)
			return nil
		}
		return a
	case syntax.Invert:
		if !IsInt(a.Elem) && !Is(a.Elem, Bool) {
			c.errorf(e.Pos(), "type mismatch: ~ needs integers or bools, found %s", a)
			return nil
		}
		return a
	}
	return nil
}

// ---------------------------------------------------------------------------
// Indexing

// arrayIndices returns the integer indices of a[...] (one, or a tuple),
// or nil after an error; a slice is handled by the caller.
func (c *checker) arrayIndices(e *syntax.Subscript, a *Array) []syntax.Expr {
	var idx []syntax.Expr
	if tup, ok := e.Index.(*syntax.Tuple); ok {
		idx = tup.Elts
	} else {
		idx = []syntax.Expr{e.Index}
	}
	ok := true
	for _, x := range idx {
		if _, isSlice := x.(*syntax.Slice); isSlice {
			d := c.errorf(x.Pos(), "slices inside multi-dimensional array indices are not supported in kernels")
			d.Hint = "index the rows first (m[i][lo:hi]), or use a comprehension"
			ok = false
			continue
		}
		if t := c.expr(x); !IsInt(t) && !Is(t, Bool) {
			c.errorf(x.Pos(), "type mismatch: array indices must be integers, found %s", Final(t))
			ok = false
		}
	}
	if len(idx) > a.NDims {
		c.errorf(e.Index.Pos(), "too many indices for array: array is %d-dimensional, but %d were indexed", a.NDims, len(idx))
		return nil
	}
	if !ok {
		return nil
	}
	return idx
}

// arraySubscript types a[i], m[i, j], m[i] and a[lo:hi].
func (c *checker) arraySubscript(e *syntax.Subscript, a *Array) Type {
	if sl, ok := e.Index.(*syntax.Slice); ok {
		c.sliceBounds(sl)
		if sl.Step != nil {
			if v, isConst := constIndex(sl.Step); !isConst || v != 1 {
				d := c.errorf(sl.Step.Pos(), "array slices with a step are not supported in kernels")
				d.Hint = "NumPy's a[lo:hi:step] is a strided view; kernels have contiguous views a[lo:hi] only"
				return nil
			}
		}
		return a
	}
	idx := c.arrayIndices(e, a)
	if idx == nil {
		return nil
	}
	if len(idx) == a.NDims {
		return a.Elem
	}
	return &Array{Elem: a.Elem, NDims: a.NDims - len(idx)}
}

// storeArray checks a[...] = v: an element, or (through a row or a slice)
// a part of the array, which takes a scalar, an array or a list.
func (c *checker) storeArray(t *syntax.Subscript, a *Array, vt Type, value syntax.Expr) {
	part := c.arraySubscript(t, a)
	if part == nil {
		return
	}
	c.b.Types[t] = part
	pos := t.Pos()
	if value != nil {
		pos = value.Pos()
	}
	if pa := arrayOf(part); pa != nil {
		ev, nv, ok := c.operandArray(vt)
		if !ok || (!IsNumeric(ev) && !Is(ev, Bool)) {
			c.errorf(pos, "type mismatch: cannot assign %s to a part of %s", Final(vt), a)
			return
		}
		if nv > pa.NDims {
			c.errorf(pos, "type mismatch: cannot assign a %d-dimensional value to a %d-dimensional part of an array", nv, pa.NDims)
		}
		return
	}
	if !IsNumeric(vt) && !Is(vt, Bool) {
		c.errorf(pos, "type mismatch: cannot store %s in %s", Final(vt), a)
	}
}

// ---------------------------------------------------------------------------
// Attributes, methods and builtins

// arrayAttr types a.shape, a.size and a.ndim.
func (c *checker) arrayAttr(e *syntax.Attribute, a *Array) Type {
	switch e.Name {
	case "shape":
		t := &Tuple{}
		for i := 0; i < a.NDims; i++ {
			t.Elems = append(t.Elems, TInt32)
		}
		return t
	case "size", "ndim":
		return TInt32
	}
	c.errorf(e.NamePos, "type mismatch: %s has no attribute %q in kernels", a, e.Name)
	return nil
}

// arrayReduceCall types numpy.sum(a), numpy.mean(a), numpy.min(a) and
// numpy.max(a) (also amin, amax) as the methods of a.
func (c *checker) arrayReduceCall(e *syntax.Call, name string) Type {
	method := strings.TrimPrefix(name, "numpy.")
	if method == "amin" || method == "amax" {
		method = method[1:]
	}
	if len(e.Args) != 1 || len(e.Keywords) > 0 {
		c.errorf(e.Pos(), "%s() takes exactly one argument (an array) in kernels", name)
		c.exprs(e)
		return nil
	}
	t := c.expr(e.Args[0])
	a := arrayOf(t)
	if a == nil {
		c.errorf(e.Args[0].Pos(), "type mismatch: %s() needs an array, found %s", name, Final(t))
		return nil
	}
	f := &syntax.Attribute{X: e.Args[0], Name: method}
	f.NamePos = e.Fun.Pos()
	call := &syntax.Call{Fun: f}
	t = c.arrayMethod(call, f, a)
	ci := c.b.Calls[call]
	delete(c.b.Calls, call)
	c.b.Calls[e] = ci
	return t
}

// arrayMethod types a.copy(), a.fill(v), a.sum() and friends.
func (c *checker) arrayMethod(e *syntax.Call, f *syntax.Attribute, a *Array) Type {
	ci := &CallInfo{Builtin: "array." + f.Name, Recv: f.X, Args: e.Args, Callee: &Object{Kind: ObjBuiltin, Name: "array." + f.Name}}
	c.b.Calls[e] = ci
	if len(e.Keywords) > 0 {
		c.errorf(e.Keywords[0].P, "%s() takes no keyword arguments in kernels", f.Name)
	}
	args := make([]Type, len(e.Args))
	for i, x := range e.Args {
		args[i] = c.expr(x)
	}
	want := func(n int) bool {
		if len(args) != n {
			c.errorf(e.Pos(), "%s() takes %d argument%s (%d given)", f.Name, n, plural(n), len(args))
			return false
		}
		return true
	}
	switch f.Name {
	case "copy", "flatten":
		if !want(0) {
			return nil
		}
		if f.Name == "flatten" {
			return &Array{Elem: a.Elem, NDims: 1}
		}
		return a
	case "fill":
		if want(1) && !IsNumeric(args[0]) && !Is(args[0], Bool) {
			c.errorf(e.Args[0].Pos(), "type mismatch: fill() needs a number or a bool, found %s", Final(args[0]))
		}
		return TNone
	case "mean":
		if !want(0) {
			return nil
		}
		return TFloat
	case "sum", "min", "max":
		if !want(0) {
			return nil
		}
		if Is(a.Elem, Bool) {
			if f.Name == "sum" {
				return TInt32
			}
			return TBool
		}
		return a.Elem
	}
	c.errorf(f.NamePos, "type mismatch: %s has no method %q in kernels", a, f.Name)
	return nil
}

// arrayMathCall types numpy.f(...) of the math functions when an argument
// is an array: the function element-wise. ok is false when no argument is
// an array; the arguments' types are args.
func (c *checker) arrayMathCall(e *syntax.Call, name string, sig *Func, args []Type) (t Type, ok bool) {
	n := 0
	for _, a := range args {
		if x := arrayOf(a); x != nil && x.NDims > n {
			n = x.NDims
		}
	}
	if n == 0 {
		return nil, false
	}
	for i, a := range args {
		el, _, ok := c.operandArray(a)
		if !ok || !IsNumeric(el) && !Is(el, Bool) {
			c.errorf(e.Args[i].Pos(), "type mismatch: %s() needs numbers or arrays of numbers, found %s", name, Final(a))
			return nil, true
		}
	}
	return &Array{Elem: sig.Result, NDims: n}, true
}

// arrayToList is the type of list(a) for an array a, or nil.
func (c *checker) arrayToList(t Type) Type {
	a := arrayOf(t)
	if a == nil {
		return nil
	}
	if a.NDims == 1 {
		return &List{Elem: a.Elem}
	}
	return &List{Elem: &Array{Elem: a.Elem, NDims: a.NDims - 1}}
}

// ArrayElemType is the type of an element (or row) of a: what indexing
// with one integer and iteration give.
func ArrayElemType(a *Array) Type {
	if a.NDims == 1 {
		return a.Elem
	}
	return &Array{Elem: a.Elem, NDims: a.NDims - 1}
}

// ---------------------------------------------------------------------------
// Shapes known at compile time

// staticShape returns the shape of e when the source fixes it: a
// rectangular list literal, array(...) or numpy.array(...) of one, or
// numpy.zeros/ones/full with a literal shape; ok is false otherwise.
func (c *checker) staticShape(e syntax.Expr) (shape []int64, ok bool) {
	switch e := e.(type) {
	case *syntax.List:
		shape = []int64{int64(len(e.Elts))}
		if len(e.Elts) == 0 {
			return shape, true
		}
		var inner []int64
		for i, x := range e.Elts {
			s, isShaped := c.staticShape(x)
			if _, isList := x.(*syntax.List); !isList {
				s, isShaped = nil, arrayOf(c.b.Types[x]) == nil
			}
			if !isShaped {
				return nil, false
			}
			if i == 0 {
				inner = s
			} else if !equalShapes(inner, s) {
				return nil, false
			}
		}
		return append(shape, inner...), true
	case *syntax.Call:
		ci := c.b.Calls[e]
		if ci == nil || len(e.Args) == 0 {
			return nil, false
		}
		switch ci.Builtin {
		case "array", "numpy.array":
			if _, isList := e.Args[0].(*syntax.List); isList {
				return c.staticShape(e.Args[0])
			}
		case "numpy.zeros", "numpy.ones", "numpy.full":
			if v, isConst := constIndex(e.Args[0]); isConst {
				return []int64{v}, true
			}
			if t, isTuple := e.Args[0].(*syntax.Tuple); isTuple {
				for _, x := range t.Elts {
					v, isConst := constIndex(x)
					if !isConst {
						return nil, false
					}
					shape = append(shape, v)
				}
				return shape, true
			}
		}
	}
	return nil, false
}

func equalShapes(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// shapeString is a shape as NumPy's messages write it: (3,) or (2,3).
func shapeString(s []int64) string {
	var parts []string
	for _, d := range s {
		parts = append(parts, strconv.FormatInt(d, 10))
	}
	if len(parts) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ",") + ")"
}

// checkStaticBroadcast reports x op y on arrays whose shapes the source
// fixes and that NumPy cannot broadcast together (a ValueError at run
// time otherwise).
func (c *checker) checkStaticBroadcast(e *syntax.Binary) {
	xs, okx := c.staticShape(e.X)
	ys, oky := c.staticShape(e.Y)
	if !okx || !oky {
		return
	}
	n := len(xs)
	if len(ys) > n {
		n = len(ys)
	}
	for k := 1; k <= n; k++ {
		dx, dy := int64(1), int64(1)
		if k <= len(xs) {
			dx = xs[len(xs)-k]
		}
		if k <= len(ys) {
			dy = ys[len(ys)-k]
		}
		if dx != dy && dx != 1 && dy != 1 {
			d := c.errorf(opPos(e), "shape mismatch: operands of %s could not be broadcast together: expected shapes that broadcast, found %s and %s", e.Op, shapeString(xs), shapeString(ys))
			d.Hint = "NumPy broadcasts dimensions that are equal or 1, aligned from the last"
			return
		}
	}
}

// matmulType types x @ y: NumPy's matrix product of arrays (or lists) of
// one or two dimensions: a vector's dot product is a scalar.
func (c *checker) matmulType(pos syntax.Pos, x, y, ex Type, nx int, ey Type, ny int) Type {
	if nx == 0 || ny == 0 {
		c.errorf(pos, "type mismatch: the operands of @ must be arrays, found %s and %s", Final(x), Final(y))
		return nil
	}
	if nx > 2 || ny > 2 {
		c.errorf(pos, "@ of arrays of more than two dimensions is not supported in kernels (found %s and %s)", Final(x), Final(y))
		return nil
	}
	elem := c.arrayElemArith(syntax.Mul, ex, ey)
	if elem == nil {
		c.errorf(pos, "type mismatch: unsupported operand types for @: %s and %s", Final(x), Final(y))
		return nil
	}
	n := nx + ny - 2
	if n == 0 {
		return elem
	}
	return &Array{Elem: elem, NDims: n}
}

// isUnknownScalar reports whether t is still a type variable, and not an
// integer literal's (which takes the array's element type).
func isUnknownScalar(t Type) bool {
	v, ok := Resolve(t).(*Var)
	return ok && !v.isInt
}
