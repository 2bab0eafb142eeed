package types

import (
	"fmt"
	"strings"

	"github.com/rules-artiq/rules_artiq/compiler/syntax"
)

// expr infers the type of e and records it.
func (c *checker) expr(e syntax.Expr) Type {
	t := c.expr1(e)
	if t == nil {
		t = c.fresh()
	}
	if isIntConstRef(c.b, e) {
		// A named int32 constant (ATT_STEPS = 8, spi.SPI_END) is like the
		// literal it stands for: its width and numeric role come from its
		// use (`att*ATT_STEPS`, `delay_mu(T_MU)`), as in ARTIQ.
		t = c.freshInt()
	}
	c.b.Types[e] = t
	return t
}

// isIntConstRef reports whether e names an int32 module constant.
func isIntConstRef(b *Body, e syntax.Expr) bool {
	var obj *Object
	switch e := e.(type) {
	case *syntax.Name:
		obj = b.Uses[e]
	case *syntax.Attribute:
		obj = b.Attrs[e]
	}
	if obj == nil || obj.Kind != ObjConst || obj.Const == nil {
		return false
	}
	bt, ok := Resolve(obj.Const.Type).(*Basic)
	return ok && bt.Kind == Int32
}

func (c *checker) expr1(e syntax.Expr) Type {
	switch e := e.(type) {
	case *syntax.IntLit:
		v, ok := parseInt(e.Text)
		if !ok {
			c.errorf(e.Pos(), "malformed integer literal %s", e.Text)
			return TInt32
		}
		if !v.IsInt64() {
			c.errorf(e.Pos(), "integer literal %s does not fit in int64", e.Text)
			return TInt64
		}
		if x := v.Int64(); x > 1<<31-1 || x < -1<<31 {
			return TInt64
		}
		c.intLits = append(c.intLits, intLit{lit: e, b: c.b})
		return c.freshInt()
	case *syntax.FloatLit:
		return TFloat
	case *syntax.StrLit:
		if e.FString {
			c.errorf(e.Pos(), "f-strings are not supported in kernels")
		}
		return TStr
	case *syntax.Constant:
		switch e.Value {
		case "True", "False":
			return TBool
		case "None":
			return TNone
		}
		c.errorf(e.Pos(), "'...' is not a value")
		return nil
	case *syntax.Name:
		obj := c.lookup(e)
		if obj == nil {
			c.undefined(e.Pos(), e.Value) // hostcode.go
			return nil
		}
		c.b.Uses[e] = obj
		switch obj.Kind {
		case ObjModule:
			if obj.HostName != nil {
				c.useHostName(e.Pos(), e.Value, obj) // hostcode.go
				return nil
			}
			if obj.Module != "" { // "" is a failed import, already reported
				c.errorf(e.Pos(), "module %s is not a value", obj.Module)
			}
			return nil
		case ObjHostValue:
			c.useHostName(e.Pos(), e.Value, obj) // hostcode.go
			return nil
		case ObjBuiltin:
			c.errorf(e.Pos(), "%s is a builtin that can only be called, not used as a value", e.Value)
			return nil
		case ObjHost:
			c.errorf(e.Pos(), "%q is host code, not a kernel function", e.Value).Hint = "decorate it with @kernel, or call it (an RPC) instead of using it as a value"
			return nil
		case ObjFunc:
			if obj.generic != nil {
				return c.valueGeneric(e, obj) // generic.go
			}
			obj.Func.Value = true
		case ObjSyscall:
			c.errorf(e.Pos(), "syscalls cannot be used as values; call %s directly", e.Value)
			return nil
		case ObjClass:
			c.errorf(e.Pos(), "class %s is not a value; call it to create an instance", e.Value)
			return nil
		}
		return obj.Type
	case *syntax.Attribute:
		return c.attrExpr(e)
	case *syntax.Unary:
		if lit, ok := e.X.(*syntax.IntLit); ok && e.Op == syntax.Sub {
			if v, ok := parseInt(lit.Text); ok && v.IsInt64() && v.Int64() == 1<<31 {
				// -2147483648 is the smallest int32, not an int64.
				t := c.freshInt()
				c.b.Types[lit] = t
				c.intLits = append(c.intLits, intLit{lit: lit, b: c.b, negated: true})
				return t
			}
		}
		t := c.expr(e.X)
		if a := arrayOf(t); a != nil {
			return c.arrayUnary(e, a) // array.go
		}
		switch e.Op {
		case syntax.Not:
			if !truthy(t) {
				c.errorf(e.X.Pos(), "type mismatch: 'not' needs bool, int or float, found %s", Final(t))
			}
			return TBool
		case syntax.Sub, syntax.Add:
			if Is(t, Bool) {
				return TInt32
			}
			if !IsNumeric(t) {
				c.errorf(e.Pos(), "type mismatch: unary %s needs a number, found %s", e.Op, Final(t))
			}
			return t
		case syntax.Invert:
			if Is(t, Bool) {
				return TInt32 // ~True is -2, as in Python
			}
			if !IsInt(t) {
				c.errorf(e.Pos(), "type mismatch: ~ needs an integer, found %s", Final(t))
			}
			return t
		}
	case *syntax.Binary:
		x := c.expr(e.X)
		y := c.expr(e.Y)
		if e.Op == syntax.Mul {
			// tuple * n with a constant n: a tuple of n copies.
			if t, ok := Resolve(x).(*Tuple); ok {
				if n, isConst := constIndex(e.Y); isConst && IsInt(y) {
					return repeatTuple(t, n)
				}
			}
			if t, ok := Resolve(y).(*Tuple); ok {
				if n, isConst := constIndex(e.X); isConst && IsInt(x) {
					return repeatTuple(t, n)
				}
			}
		}
		if e.Op == syntax.Pow && IsInt(x) && IsInt(y) {
			if n, isConst := constIndex(e.Y); isConst && n < 0 {
				return TFloat // 2 ** -1 is 0.5, as in Python
			}
		}
		t := c.binaryType(opPos(e), e.Op, x, y)
		if arrayOf(t) != nil {
			c.checkStaticBroadcast(e) // array.go
		}
		return t
	case *syntax.BoolOp:
		var t Type
		for _, x := range e.X {
			xt := c.expr(x)
			if !truthy(xt) {
				c.errorf(x.Pos(), "type mismatch: operands of '%s' must be bool, int or float, found %s", e.Op, Final(xt))
			}
			if t == nil {
				t = xt
			} else if !unify(t, xt) {
				c.errorf(x.Pos(), "type mismatch: operands of '%s' have different types %s and %s", e.Op, Final(t), Final(xt))
			}
		}
		return t
	case *syntax.Compare:
		prev := c.expr(e.X)
		arrays := false
		for i, y := range e.Ys {
			yt := c.expr(y)
			if arrayOf(prev) != nil || arrayOf(yt) != nil {
				arrays = true
			} else {
				c.compareTypes(e, i, prev, yt)
			}
			prev = yt
		}
		if arrays {
			t, _ := c.arrayCompare(e) // array.go
			return t
		}
		return TBool
	case *syntax.IfExp:
		c.cond(e.Cond)
		a := c.expr(e.Then)
		b := c.expr(e.Else)
		if IsNumeric(a) && IsNumeric(b) && !unify(a, b) {
			return c.arith(a, b)
		}
		if !unify(a, b) {
			c.errorf(e.Else.Pos(), "type mismatch: the branches of a conditional expression have types %s and %s", Final(a), Final(b))
		}
		return a
	case *syntax.Call:
		return c.call(e)
	case *syntax.List:
		return c.listExpr(e)
	case *syntax.Tuple:
		return c.tupleExpr(e)
	case *syntax.Subscript:
		return c.subscript(e)
	case *syntax.ListComp:
		return c.listComp(e)
	case *syntax.Lambda:
		return c.lambda(e)
	case *syntax.Dict:
		c.errorf(e.Pos(), "dicts are not supported in kernels").Hint = "use a list of tuples, or attributes of a class"
		return nil
	case *syntax.Set:
		c.errorf(e.Pos(), "sets are not supported in kernels").Hint = "use a list"
		return nil
	case *syntax.BytesLit:
		return TBytes
	}
	c.errorf(e.Pos(), "this expression is not supported in kernels yet")
	return nil
}

func opPos(e *syntax.Binary) syntax.Pos {
	if e.OpPos.IsKnown() {
		return e.OpPos
	}
	return e.Pos()
}

// attribute resolves module-qualified names: lib.ttl.on.
func (c *checker) attribute(e *syntax.Attribute) *Object {
	path := dotted(e)
	if path == "" {
		c.errorf(e.Pos(), "attribute access is not supported here yet")
		return nil
	}
	first, _, _ := strings.Cut(path, ".")
	root := c.scope[first]
	if c.fn != nil {
		if _, local := c.locals[first]; local {
			root = nil
		}
	}
	if root != nil && root.HostName != nil {
		c.useHostName(e.Pos(), first, root) // hostcode.go: host code, or no kernel module
		return nil
	}
	if root != nil && root.Kind == ObjModule && root.Module == "" {
		return nil // its import failed and was reported
	}
	if root == nil || root.Kind != ObjModule {
		c.errorf(e.Pos(), "attribute access is not supported here yet")
		return nil
	}
	// Replace the bound root name by the module it stands for, then find
	// the longest imported module prefix.
	full := root.Module + strings.TrimPrefix(path, first)
	if mod, member, ok := strings.Cut(full, "."); ok && isMathModule(mod) {
		obj := mathMember(mod, member)
		if obj == nil {
			c.errorf(e.NamePos, "%s is not supported in kernels", full)
			return nil
		}
		c.b.Attrs[e] = obj
		return obj
	}
	for i := len(full); i > 0; i = strings.LastIndexByte(full[:i], '.') {
		mod := full[:i]
		it, ok := c.cfg.Imports[mod]
		if !ok || !c.info.Imported[mod] || i == len(full) {
			continue
		}
		member := full[i+1:]
		obj := c.memberOf(it, member)
		if obj == nil {
			c.errorf(e.NamePos, "module %s has no kernel function or constant %q", mod, member)
			return nil
		}
		c.b.Attrs[e] = obj
		return obj
	}
	c.errorf(e.Pos(), "%s is not an imported kernel module's member", full)
	return nil
}

// dotted returns "a.b.c" for a chain of names, or "".
func dotted(e syntax.Expr) string {
	switch e := e.(type) {
	case *syntax.Name:
		return e.Value
	case *syntax.Attribute:
		if x := dotted(e.X); x != "" {
			return x + "." + e.Name
		}
	}
	return ""
}

// arith returns the type of mixed arithmetic: float wins, then int64.
func (c *checker) arith(x, y Type) Type {
	switch {
	case Is(x, Float) || Is(y, Float):
		return TFloat
	case Is(x, Int64) || Is(y, Int64):
		return TInt64
	}
	unify(x, y)
	return x
}

func (c *checker) binaryType(pos syntax.Pos, op syntax.Op, x, y Type) Type {
	if (op == syntax.BitAnd || op == syntax.BitOr || op == syntax.BitXor) && Is(x, Bool) && Is(y, Bool) {
		return TBool
	}
	if Is(x, Bool) {
		x = TInt32
	}
	if Is(y, Bool) {
		y = TInt32
	}
	bad := func() Type {
		c.errorf(pos, "type mismatch: unsupported operand types for %s: %s and %s", op, Final(x), Final(y))
		return nil
	}
	// An unannotated parameter meeting an integer literal in arithmetic is
	// a number, not necessarily an int: ARTIQ coerces the literal
	// (`round(turns*0x10000)` makes turns a float). The literal converts
	// to the result's type.
	switch op {
	case syntax.Add, syntax.Sub, syntax.Mul, syntax.FloorDiv, syntax.Mod, syntax.Pow, syntax.Div:
		for _, p := range [][2]Type{{x, y}, {y, x}} {
			v, lit := p[0], p[1]
			if (isFreeVar(v) || isNumVar(v)) && isIntLiteral(lit) {
				Resolve(v).(*Var).isNum = true
				if op == syntax.Div {
					return TFloat
				}
				return v
			}
		}
		// Likewise an int that is not a literal: Python's int*x is a float
		// when x is, so the parameter stays a number (`2**self.acc_width *
		// frequency * self.core.coarse_ref_period` makes frequency a float);
		// if nothing decides, it has the int's width.
		if op != syntax.Pow && op != syntax.Div {
			for _, p := range [][2]Type{{x, y}, {y, x}} {
				v, other := p[0], p[1]
				if (isFreeVar(v) || isNumVar(v)) && (Is(other, Int32) || Is(other, Int64)) {
					w := Resolve(v).(*Var)
					w.isNum = true
					if Is(other, Int64) {
						w.wide = true
					}
					return v
				}
			}
		}
	}
	// An unconstrained variable meeting an array is a scalar of the
	// array's element type (broadcast), not an array.
	for _, p := range [][2]Type{{x, y}, {y, x}} {
		if a := arrayOf(p[1]); a != nil {
			if _, ok := Resolve(p[0]).(*Var); ok && !IsInt(p[0]) {
				unify(p[0], a.Elem)
			}
		}
	}
	// An unconstrained variable takes the other operand's type.
	if arrayOf(x) == nil && arrayOf(y) == nil {
		if _, ok := Resolve(x).(*Var); ok && !IsInt(x) {
			unify(x, y)
		}
		if _, ok := Resolve(y).(*Var); ok && !IsInt(y) {
			unify(y, x)
		}
	}
	// Both operands unknown yet (the parameters of a lambda, say): they
	// share one type, which must support op once inference has found it.
	_, yUnknown := Resolve(y).(*Var)
	if v, ok := Resolve(x).(*Var); ok && !v.isInt && yUnknown {
		c.pending = append(c.pending, pendingOp{pos: pos, op: op, t: x, b: c.b})
		if op == syntax.Div {
			return TFloat
		}
		return x
	}
	if t, ok := c.arrayBinary(pos, op, x, y); ok { // array.go
		return t
	}
	if t, ok := c.seqBinary(op, x, y); ok {
		if t == nil {
			return bad()
		}
		return t
	}
	if t, ok := c.bytesBinary(op, x, y); ok { // bytes.go
		if t == nil {
			return bad()
		}
		return t
	}
	switch op {
	case syntax.Add, syntax.Sub, syntax.Mul, syntax.FloorDiv, syntax.Mod, syntax.Pow:
		if op == syntax.Add && Is(x, Str) && Is(y, Str) {
			return TStr
		}
		if op == syntax.Mul && (Is(x, Str) && IsInt(y) || IsInt(x) && Is(y, Str)) {
			return TStr // repetition
		}
		if !IsNumeric(x) || !IsNumeric(y) {
			return bad()
		}
		return c.arith(x, y)
	case syntax.Div:
		if !IsNumeric(x) || !IsNumeric(y) {
			return bad()
		}
		return TFloat
	case syntax.LShift, syntax.RShift:
		if !IsInt(x) || !IsInt(y) {
			return bad()
		}
		return x
	case syntax.BitAnd, syntax.BitOr, syntax.BitXor:
		if !IsInt(x) || !IsInt(y) {
			return bad()
		}
		return c.arith(x, y)
	}
	return bad()
}

func (c *checker) compareTypes(e *syntax.Compare, i int, x, y Type) {
	op := e.Ops[i]
	if op != syntax.In && op != syntax.NotIn && op != syntax.Is && op != syntax.IsNot {
		xv, xUnknown := Resolve(x).(*Var)
		yv, yUnknown := Resolve(y).(*Var)
		if xUnknown && !xv.isInt || yUnknown && !yv.isInt {
			if IsNumeric(x) || IsNumeric(y) {
				if xUnknown && !xv.isInt {
					unify(x, y)
				} else {
					unify(y, x)
				}
			} else {
				unify(x, y)
			}
			if op != syntax.Eq && op != syntax.NotEq {
				// An ordering: decided once inference has found the type.
				c.pending = append(c.pending, pendingOp{pos: cmpPos(e, i), op: op, t: x, b: c.b, order: true})
			}
			return
		}
	}
	if c.bytesCompare(e, i, op, x, y) { // bytes.go
		return
	}
	switch op {
	case syntax.In, syntax.NotIn:
		switch yt := Resolve(y).(type) {
		case *List:
			if unify(x, yt.Elem) || (IsNumeric(x) && IsNumeric(yt.Elem)) {
				return
			}
		case *Range:
			if IsInt(x) {
				return
			}
		case *Basic:
			if Is(yt, Str) && unify(x, TStr) {
				return // a substring test
			}
		case *Tuple:
			ok := true
			for _, el := range yt.Elems {
				if !unify(x, el) && !(IsNumeric(x) && IsNumeric(el)) {
					ok = false
				}
			}
			if ok {
				return
			}
		}
		c.errorf(cmpPos(e, i), "type mismatch: cannot test whether %s is in %s", Final(x), Final(y))
		return
	case syntax.Is, syntax.IsNot:
		c.identityTypes(e, i, x, y)
		return
	}
	if op == syntax.Eq || op == syntax.NotEq {
		switch Resolve(x).(type) {
		case *List, *Tuple:
			if unify(x, y) {
				return
			}
		}
	}
	// An unconstrained operand (an unannotated parameter) takes the other
	// operand's type, as in arithmetic.
	if v, ok := Resolve(x).(*Var); ok && !v.isInt && (IsNumeric(y) || Is(y, Bool)) {
		unify(x, y)
	} else if v, ok := Resolve(y).(*Var); ok && !v.isInt && (IsNumeric(x) || Is(x, Bool)) {
		unify(y, x)
	}
	if IsNumeric(x) && IsNumeric(y) {
		c.arith(x, y)
		return
	}
	if (Is(x, Bool) || IsNumeric(x)) && (Is(y, Bool) || IsNumeric(y)) {
		return
	}
	if unify(x, y) && (op == syntax.Eq || op == syntax.NotEq) {
		return
	}
	if op != syntax.Eq && op != syntax.NotEq && orderable(x, y) {
		return
	}
	c.errorf(cmpPos(e, i), "type mismatch: cannot compare %s and %s with %s", Final(x), Final(y), op)
}

// orderable reports whether x < y is defined: numbers and bools, strings,
// and tuples and lists compared lexicographically element by element.
func orderable(x, y Type) bool {
	if (IsNumeric(x) || Is(x, Bool)) && (IsNumeric(y) || Is(y, Bool)) {
		return true
	}
	if Is(x, Str) && Is(y, Str) {
		return true
	}
	switch xt := Resolve(x).(type) {
	case *Tuple:
		yt, ok := Resolve(y).(*Tuple)
		if !ok {
			return false
		}
		for i := 0; i < len(xt.Elems) && i < len(yt.Elems); i++ {
			if !orderable(xt.Elems[i], yt.Elems[i]) {
				return false
			}
		}
		return true
	case *List:
		yt, ok := Resolve(y).(*List)
		if !ok {
			return false
		}
		if !(IsNumeric(xt.Elem) && IsNumeric(yt.Elem)) && !unify(xt.Elem, yt.Elem) {
			return false
		}
		return orderable(xt.Elem, yt.Elem)
	}
	return false
}

// identityTypes checks `x is y`. Objects and lists compare by identity;
// None, numbers, bools, tuples and ranges are values in kernels and compare
// by value, as in ARTIQ (values of different kinds are never identical).
// Strings have no reliable identity (CPython interns some), so `is` on them
// is rejected.
func (c *checker) identityTypes(e *syntax.Compare, i int, x, y Type) {
	op := e.Ops[i]
	if Is(y, NoneKind) || Is(x, NoneKind) {
		return
	}
	_, xv := Resolve(x).(*Var)
	_, yv := Resolve(y).(*Var)
	if xv && !IsInt(x) || yv && !IsInt(y) {
		unify(x, y)
	}
	if classOf(x) != nil && classOf(y) != nil {
		return // identity of objects (of different classes: never the same)
	}
	if (IsNumeric(x) || Is(x, Bool)) && (IsNumeric(y) || Is(y, Bool)) {
		return
	}
	if Is(x, Str) || Is(y, Str) {
		c.errorf(cmpPos(e, i), "'%s' is not supported on strings: a string's identity is not defined in kernels", op).Hint = "compare strings with == or !="
		return
	}
	switch Resolve(x).(type) {
	case *List, *Tuple, *Range:
		if unify(x, y) {
			return
		}
	}
	c.errorf(cmpPos(e, i), "type mismatch: cannot test whether %s is %s", Final(x), Final(y))
}

func cmpPos(e *syntax.Compare, i int) syntax.Pos {
	if i < len(e.OpPos) && e.OpPos[i].IsKnown() {
		return e.OpPos[i]
	}
	return e.Ys[i].Pos()
}

// ---------------------------------------------------------------------------
// Calls

func (c *checker) call(e *syntax.Call) Type {
	var obj *Object
	switch f := e.Fun.(type) {
	case *syntax.Name:
		obj = c.lookup(f)
		if obj == nil {
			c.undefined(f.Pos(), f.Value) // hostcode.go
			c.exprs(e)
			return nil
		}
		c.b.Uses[f] = obj
		if obj.Kind == ObjLocal || obj.Kind == ObjGlobal {
			if ft, ok := Resolve(obj.Type).(*Func); ok {
				c.b.Types[f] = obj.Type
				return c.callValue(e, ft)
			}
			if ft := c.callableVar(f.Pos(), obj.Type, len(e.Args)); ft != nil {
				c.b.Types[f] = obj.Type
				return c.callValue(e, ft)
			}
			if _, unknown := Resolve(obj.Type).(*Var); !unknown || c.errs == nil {
				c.errorf(f.Pos(), "%q is not callable (it has type %s)", f.Value, Final(obj.Type))
			}
			c.exprs(e)
			return nil
		}
	case *syntax.Attribute:
		if !c.isModulePath(f) {
			if n, ok := f.X.(*syntax.Name); ok {
				if o := c.lookup(n); o != nil && o.Kind == ObjClass {
					c.b.Uses[n] = o
					if o.Class.Exception != "" && o.Class.Base == nil && f.Name == "__init__" {
						if _, has := o.Class.lookupMethod("__init__"); !has {
							break
						}
					}
					if st := c.static(o.Class, f.Name, f.NamePos); st != nil {
						return c.callSig(e, st, st.Type.(*Func))
					}
					return c.classMethodCall(e, f, o.Class)
				}
				if builtinExceptions[n.Value] && c.lookup(n) == nil && f.Name == "__init__" && len(e.Args) > 0 {
					// Exception.__init__(self, msg) in a user exception class.
					return c.exceptionBaseInit(e, e.Args[0], e.Args[1:])
				}
			}
			if sup, ok := c.isSuper(f.X); ok {
				return c.superCall(e, f, sup)
			}
			if a, ok := f.X.(*syntax.Attribute); ok {
				if t, ok := c.opaqueMethodRPC(e, f, a); ok { // rpcmethod.go
					return t
				}
			}
			xt := c.expr(f.X)
			if cl := classOf(xt); cl != nil {
				return c.methodCall(e, f, cl)
			}
			if a := arrayOf(xt); a != nil {
				return c.arrayMethod(e, f, a) // array.go
			}
			if lt, ok := Resolve(xt).(*List); ok {
				if t, ok := c.listMethodCall(e, f, lt); ok {
					return t
				}
			}
			if Is(xt, Str) {
				if t, ok := c.strMethodCall(e, f); ok {
					return t
				}
			}
			if c.isHostNameUse(f.X) { // hostcode.go: reported already
				c.exprs(e)
				return nil
			}
			if xt != nil {
				c.errorf(f.Pos(), "type mismatch: %s has no method %q", Final(xt), f.Name)
			}
			c.exprs(e)
			return nil
		}
		obj = c.attribute(f)
		if obj == nil {
			c.exprs(e)
			return nil
		}
	default:
		ft := c.expr(e.Fun)
		if f, ok := Resolve(ft).(*Func); ok {
			return c.callValue(e, f)
		}
		if f := c.callableVar(e.Fun.Pos(), ft, len(e.Args)); f != nil {
			return c.callValue(e, f)
		}
		if ft != nil {
			c.errorf(e.Fun.Pos(), "type mismatch: a value of type %s is not callable", Final(ft))
		}
		c.exprs(e)
		return nil
	}
	switch obj.Kind {
	case ObjClass:
		return c.newInstance(e, obj.Class)
	case ObjBuiltin:
		return c.builtinCall(e, obj)
	case ObjFunc, ObjSyscall:
		if obj.generic != nil {
			return c.callGeneric(e, obj)
		}
		return c.callSig(e, obj, obj.Type.(*Func))
	case ObjHost:
		return c.rpcCall(e, obj)
	case ObjHostValue:
		c.useHostName(e.Fun.Pos(), obj.Name, obj) // hostcode.go
	default:
		c.errorf(e.Fun.Pos(), "%q is not callable", obj.Name)
	}
	c.exprs(e)
	return nil
}

func (c *checker) exprs(e *syntax.Call) {
	for _, a := range e.Args {
		c.expr(a)
	}
	for _, k := range e.Keywords {
		c.expr(k.Value)
	}
}

// callSig binds positional and keyword arguments to parameters, fills
// defaults, and checks each argument's type.
func (c *checker) callSig(e *syntax.Call, obj *Object, sig *Func) Type {
	ci := &CallInfo{Callee: obj, Args: make([]syntax.Expr, len(sig.Params)), Defaults: make([]*Const, len(sig.Params))}
	c.b.Calls[e] = ci
	name := obj.Name
	ok := true
	positional := 0 // the parameters that positional arguments may fill
	for positional < len(sig.Params) && !sig.Params[positional].KwOnly {
		positional++
	}
	if len(e.Args) > positional {
		kind := ""
		if positional < len(sig.Params) {
			kind = "positional "
		}
		c.errorf(e.Args[positional].Pos(), "%s() takes %d %sargument%s but %d were given", name, positional, kind, plural(positional), len(e.Args))
		ok = false
	}
	for i, a := range e.Args {
		if _, star := a.(*syntax.Starred); star {
			c.errorf(a.Pos(), "*args in calls is not supported in kernels")
			ok = false
			continue
		}
		if i < positional {
			ci.Args[i] = a
		}
	}
	for _, kw := range e.Keywords {
		idx := -1
		for i, p := range sig.Params {
			if p.Name == kw.Name {
				idx = i
			}
		}
		switch {
		case idx < 0:
			c.errorf(kw.P, "%s() got an unexpected keyword argument %q", name, kw.Name)
			ok = false
		case ci.Args[idx] != nil:
			c.errorf(kw.P, "%s() got multiple values for argument %q", name, kw.Name)
			ok = false
		default:
			ci.Args[idx] = kw.Value
		}
	}
	for i, p := range sig.Params {
		if ci.Args[i] == nil {
			if p.Default == nil {
				if ok && !p.badDefault {
					c.errorf(e.Pos(), "%s() missing required argument %q", name, p.Name)
				}
				ok = false
				continue
			}
			ci.Defaults[i] = p.Default
		}
	}
	for i, a := range ci.Args {
		if a == nil {
			continue
		}
		at := c.expr(a)
		if p := sig.Params[i]; p.Free && IsInt(at) && IsInt(p.Type) && !unify(at, p.Type) {
			continue // an int of the other width, converted (Param.Free)
		}
		c.expect(a, at, sig.Params[i].Type)
	}
	// Arguments that were not bound still get checked for their own errors.
	if !ok {
		for _, a := range e.Args {
			if _, done := c.b.Types[a]; !done {
				c.expr(a)
			}
		}
		for _, kw := range e.Keywords {
			if _, done := c.b.Types[kw.Value]; !done {
				c.expr(kw.Value)
			}
		}
	}
	return sig.Result
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// builtinType gives the signature of builtins that behave like ordinary
// functions; the others (print, int64, min...) are checked by builtinCall.
func builtinType(name string) *Func {
	switch name {
	case "now_mu", "rtio_get_counter":
		return &Func{Result: TInt64}
	case "at_mu":
		return &Func{Params: []Param{{Name: "t", Type: TInt64}}, Result: TNone}
	case "delay_mu":
		return &Func{Params: []Param{{Name: "dt", Type: TInt64}}, Result: TNone}
	case "delay":
		return &Func{Params: []Param{{Name: "duration", Type: TFloat}}, Result: TNone}
	case "seconds_to_mu":
		return &Func{Params: []Param{{Name: "seconds", Type: TFloat}}, Result: TInt64}
	case "mu_to_seconds":
		return &Func{Params: []Param{{Name: "mu", Type: TInt64}}, Result: TFloat}
	case "rtio_output":
		return &Func{Params: []Param{{Name: "target", Type: TInt32}, {Name: "data", Type: TInt32}}, Result: TNone}
	}
	return nil
}

// isLanguageName reports the other names the language provides.
func isLanguageName(name string) bool {
	switch name {
	case "print", "int32", "int64", "int", "float", "bool", "abs", "min", "max", "round", "len", "list", "bytes", "bytearray", "array",
		"range", "str", "repr", "sum", "sorted", "enumerate", "zip", "reversed", "kernel", "portable", "syscall", "rpc", "parallel", "sequential", "interleave",
		"ns", "us", "ms", "s", "Hz", "kHz", "MHz", "GHz", "EnvExperiment", "HasEnvironment", "TInt32", "TInt64",
		"TFloat", "TBool", "TNone", "TStr":
		return true
	}
	return false
}

// Units are module constants of ARTIQ's language (seconds and hertz).
var units = map[string]float64{
	"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1,
	"Hz": 1, "kHz": 1e3, "MHz": 1e6, "GHz": 1e9,
}

func (c *checker) builtinCall(e *syntax.Call, obj *Object) Type {
	name := obj.Name
	if isArrayBuiltin(name) {
		return c.arrayBuiltin(e, obj) // array.go
	}
	if isArrayReduce(name) {
		return c.arrayReduceCall(e, name) // array.go
	}
	if sig := mathType(name); sig != nil && strings.HasPrefix(name, "numpy.") && len(e.Keywords) == 0 && len(e.Args) == len(sig.Params) {
		// NumPy's functions apply element-wise to arrays (array.go).
		args := make([]Type, len(e.Args))
		for i, a := range e.Args {
			args[i] = c.expr(a)
		}
		c.b.Calls[e] = &CallInfo{Callee: obj, Builtin: name, Args: e.Args, Defaults: make([]*Const, len(e.Args))}
		if t, ok := c.arrayMathCall(e, name, sig, args); ok {
			return t
		}
		for i, a := range e.Args {
			c.expect(a, args[i], sig.Params[i].Type)
		}
		return sig.Result
	}
	if sig := mathType(name); sig != nil {
		t := c.callSig(e, obj, sig)
		c.b.Calls[e].Builtin = name
		return t
	}
	if sig := builtinType(name); sig != nil {
		t := c.callSig(e, obj, sig)
		c.b.Calls[e].Builtin = name
		return t
	}
	ci := &CallInfo{Callee: obj, Builtin: name, Args: e.Args}
	c.b.Calls[e] = ci
	for _, k := range e.Keywords {
		if name == "print" {
			break
		}
		if name == "sorted" && k.Name == "reverse" {
			if v, isConst := k.Value.(*syntax.Constant); isConst && (v.Value == "True" || v.Value == "False") {
				ci.Reverse = v.Value == "True"
				c.expr(k.Value)
				continue
			}
		}
		c.errorf(k.P, "%s() takes no keyword arguments", name)
		break
	}
	args := make([]Type, len(e.Args))
	for i, a := range e.Args {
		args[i] = c.expr(a)
	}
	nargs := func(lo, hi int) bool { return c.builtinArgCount(e, name, lo, hi) }
	switch name {
	case "print":
		for _, k := range e.Keywords {
			if k.Name != "sep" && k.Name != "end" {
				c.errorf(k.P, "print() got an unexpected keyword argument %q", k.Name)
				continue
			}
			if _, ok := k.Value.(*syntax.StrLit); !ok {
				c.errorf(k.Value.Pos(), "print(%s=...) must be a string literal", k.Name)
			}
			c.expr(k.Value)
		}
		for i, t := range args {
			if !IsConcrete(t) && !c.isHostNameUse(e.Args[i]) {
				// Decided once inference is done (a function checked later).
				c.pending = append(c.pending, pendingOp{pos: e.Args[i].Pos(), t: t, b: c.b, print: true})
				continue
			}
			if !printable(t) && !c.isHostNameUse(e.Args[i]) {
				c.errorf(e.Args[i].Pos(), "print() of %s is not supported yet", Final(t))
			}
		}
		return TNone
	case "int32", "int64", "int", "float", "bool":
		if len(args) == 0 {
			// int() is 0, float() 0.0, bool() False, as in Python.
			return map[string]Type{"int32": TInt32, "int64": TInt64, "int": TInt32, "float": TFloat, "bool": TBool}[name]
		}
	}
	switch name {
	case "bytes", "bytearray":
		return c.bytesCall(e, name, args) // bytes.go
	case "int32", "int64", "int":
		if !nargs(1, 1) {
			return TInt32
		}
		if !IsNumeric(args[0]) && !Is(args[0], Bool) {
			c.errorf(e.Args[0].Pos(), "type mismatch: %s() needs a number, found %s", name, Final(args[0]))
		}
		switch name {
		case "int64":
			return TInt64
		case "int":
			if IsInt(args[0]) {
				return args[0]
			}
		}
		if IsInt(args[0]) {
			unify(args[0], TInt32)
		}
		return TInt32
	case "float":
		if nargs(1, 1) && !IsNumeric(args[0]) && !Is(args[0], Bool) {
			c.errorf(e.Args[0].Pos(), "type mismatch: float() needs a number, found %s", Final(args[0]))
		}
		return TFloat
	case "bool":
		if nargs(1, 1) && !truthy(args[0]) {
			c.errorf(e.Args[0].Pos(), "type mismatch: bool() needs bool, int or float, found %s", Final(args[0]))
		}
		return TBool
	case "abs":
		if !nargs(1, 1) {
			return nil
		}
		if a := arrayOf(args[0]); a != nil && !Is(a.Elem, Bool) {
			return a
		}
		if !IsNumeric(args[0]) {
			c.errorf(e.Args[0].Pos(), "type mismatch: abs() needs a number, found %s", Final(args[0]))
		}
		return args[0]
	case "round":
		if nargs(1, 1) && !IsNumeric(args[0]) {
			c.errorf(e.Args[0].Pos(), "type mismatch: round() needs a number, found %s", Final(args[0]))
		}
		if len(args) == 1 && isNumVar(args[0]) {
			unify(args[0], TFloat) // round(x: float), as in ARTIQ
		}
		if len(args) == 1 && IsInt(args[0]) {
			return args[0]
		}
		return TInt32
	case "min", "max":
		if len(args) == 1 {
			if l, ok := Resolve(args[0]).(*List); ok && IsNumeric(l.Elem) {
				return l.Elem
			}
			if a := arrayOf(args[0]); a != nil && a.NDims == 1 && IsNumeric(a.Elem) {
				return a.Elem
			}
			c.errorf(e.Args[0].Pos(), "type mismatch: %s() of one argument needs a list of numbers, found %s", name, Final(args[0]))
			return nil
		}
		if len(args) < 2 {
			c.errorf(e.Pos(), "%s() expected at least 1 argument", name)
			return nil
		}
		t := args[0]
		for i, a := range args {
			if !IsNumeric(a) {
				c.errorf(e.Args[i].Pos(), "type mismatch: %s() needs numbers, found %s", name, Final(a))
				return nil
			}
			if i > 0 {
				t = c.arith(t, a)
			}
		}
		return t
	case "range":
		if len(args) < 1 || len(args) > 3 {
			c.errorf(e.Pos(), "range() takes 1 to 3 arguments (%d given)", len(args))
			return nil
		}
		elem := Type(c.freshInt())
		for i, a := range args {
			if !IsInt(a) {
				c.errorf(e.Args[i].Pos(), "type mismatch: range() arguments must be integers, found %s", Final(a))
				return nil
			}
			elem = c.promoteInt(elem, a)
		}
		return &Range{Elem: elem}
	case "len":
		if len(args) == 1 {
			c.listIfUnknown(args[0])
		}
		if nargs(1, 1) && !seqLen(args[0]) {
			c.errorf(e.Args[0].Pos(), "type mismatch: len() needs a list, tuple, str, bytes, array or range, found %s", Final(args[0]))
		}
		return TInt32
	case "sum":
		if len(args) < 1 || len(args) > 2 {
			c.errorf(e.Pos(), "sum() takes 1 or 2 arguments (%d given)", len(args))
			return nil
		}
		var elem Type
		switch s := Resolve(args[0]).(type) {
		case *List:
			elem = s.Elem
		case *Range:
			elem = s.Elem
		}
		if elem == nil || !IsNumeric(elem) && !Is(elem, Bool) {
			c.errorf(e.Args[0].Pos(), "type mismatch: sum() needs a list or range of numbers, found %s", Final(args[0]))
			return nil
		}
		if Is(elem, Bool) {
			elem = TInt32
		}
		if len(args) == 2 {
			if !IsNumeric(args[1]) {
				c.errorf(e.Args[1].Pos(), "type mismatch: sum()'s start must be a number, found %s", Final(args[1]))
				return nil
			}
			return c.arith(elem, args[1])
		}
		return elem
	case "enumerate", "zip", "reversed":
		// Lists of the elements (of tuples): iterating them is what
		// Python's iterators give.
		elemOf := func(i int) Type {
			switch s := Resolve(args[i]).(type) {
			case *List:
				return s.Elem
			case *Range:
				return s.Elem
			case *Tuple:
				el := Type(c.fresh())
				for _, et := range s.Elems {
					if !unify(el, et) {
						c.errorf(e.Args[i].Pos(), "type mismatch: %s() of a tuple needs elements of one type, found %s", name, Final(args[i]))
						return nil
					}
				}
				return el
			}
			if Is(args[i], Str) {
				return TStr
			}
			c.errorf(e.Args[i].Pos(), "type mismatch: %s() needs a list, tuple, range or str, found %s", name, Final(args[i]))
			return nil
		}
		switch name {
		case "enumerate":
			if !nargs(1, 2) {
				return nil
			}
			if len(args) == 2 && !IsInt(args[1]) {
				c.errorf(e.Args[1].Pos(), "type mismatch: enumerate()'s start must be an integer, found %s", Final(args[1]))
			}
			el := elemOf(0)
			if el == nil {
				return nil
			}
			return &List{Elem: &Tuple{Elems: []Type{TInt32, el}}}
		case "reversed":
			if !nargs(1, 1) {
				return nil
			}
			el := elemOf(0)
			if el == nil {
				return nil
			}
			return &List{Elem: el}
		}
		if len(args) == 0 {
			c.errorf(e.Pos(), "zip() needs at least one argument in kernels")
			return nil
		}
		var elems []Type
		for i := range args {
			el := elemOf(i)
			if el == nil {
				return nil
			}
			elems = append(elems, el)
		}
		return &List{Elem: &Tuple{Elems: elems}}
	case "sorted":
		if !nargs(1, 1) {
			return nil
		}
		ci.Builtin = "sorted"
		var elem Type
		switch s := Resolve(args[0]).(type) {
		case *List:
			elem = s.Elem
		case *Range:
			elem = s.Elem
		case *Tuple:
			elem = c.fresh()
			for _, et := range s.Elems {
				if !unify(elem, et) {
					c.errorf(e.Args[0].Pos(), "type mismatch: sorted() of a tuple needs elements of one type, found %s", Final(args[0]))
					return nil
				}
			}
		}
		if elem == nil {
			if Is(args[0], Str) {
				elem = TStr
			} else {
				c.errorf(e.Args[0].Pos(), "type mismatch: sorted() needs a list, tuple, range or str, found %s", Final(args[0]))
				return nil
			}
		}
		c.pending = append(c.pending, pendingOp{pos: e.Pos(), t: elem, b: c.b, sort: true})
		return &List{Elem: elem}
	case "str", "repr":
		if len(args) == 0 && name == "str" {
			return TStr
		}
		if !nargs(1, 1) {
			return TStr
		}
		if !IsConcrete(args[0]) && !c.isHostNameUse(e.Args[0]) {
			c.pending = append(c.pending, pendingOp{pos: e.Args[0].Pos(), t: args[0], b: c.b, print: true})
		} else if !printable(args[0]) {
			c.errorf(e.Args[0].Pos(), "%s() of %s is not supported in kernels", name, Final(args[0]))
		}
		return TStr
	case "list":
		if len(args) == 0 {
			return &List{Elem: c.fresh()} // an empty list, like []
		}
		if !nargs(1, 1) {
			return nil
		}
		switch a := Resolve(args[0]).(type) {
		case *List:
			return a
		case *Range:
			return &List{Elem: a.Elem}
		case *Tuple:
			elem := Type(c.fresh())
			ok := true
			for _, et := range a.Elems {
				if !unify(elem, et) {
					ok = false
				}
			}
			if ok {
				return &List{Elem: elem}
			}
			c.errorf(e.Args[0].Pos(), "type mismatch: list() of a tuple needs elements of one type, found %s", Final(args[0]))
			return nil
		}
		if IsBytesLike(args[0]) {
			return &List{Elem: TInt32}
		}
		if t := c.arrayToList(args[0]); t != nil { // array.go
			return t
		}
		if Is(args[0], Str) {
			return &List{Elem: TStr} // its characters
		}
		c.errorf(e.Args[0].Pos(), "type mismatch: list() needs a list, tuple, str, range, bytes or array, found %s", Final(args[0]))
		return nil
	}
	c.errorf(e.Fun.Pos(), "%s cannot be called in a kernel", name)
	return nil
}

// UnitValue returns the value of a unit name (ns, us, ms, s, Hz, kHz, MHz, GHz).
func UnitValue(name string) (float64, bool) {
	v, ok := units[name]
	return v, ok
}

var _ = fmt.Sprint

// printable reports whether print() can format a value of type t.
func printable(t Type) bool {
	switch t := Resolve(t).(type) {
	case *Basic:
		return true
	case *Var:
		return t.isInt
	case *List:
		if v, ok := Resolve(t.Elem).(*Var); ok && !v.isInt {
			return true // nothing fixed the elements: an empty list
		}
		return printable(t.Elem)
	case *Range:
		return true
	case *Array:
		return printable(t.Elem)
	case *Class:
		return t.Exception != "" && t.Host == nil // str(e) is the message
	case *Tuple:
		for _, e := range t.Elems {
			if !printable(e) {
				return false
			}
		}
		return true
	}
	return false
}

// isModulePath reports whether e is a dotted name rooted at an imported
// module (lib.ttl.on), as opposed to an attribute of a value.
func (c *checker) isModulePath(e *syntax.Attribute) bool {
	path := dotted(e)
	if path == "" {
		return false
	}
	first, _, _ := strings.Cut(path, ".")
	for i := len(c.comps) - 1; i >= 0; i-- {
		if _, ok := c.comps[i][first]; ok {
			return false
		}
	}
	if c.fn != nil && !c.globals[first] {
		if _, local := c.locals[first]; local {
			return false
		}
	}
	root := c.scope[first]
	return root != nil && root.Kind == ObjModule || root == nil && (first == "numpy" || first == "math")
}

// attrExpr types an attribute read: a module member, a class constant, or
// an instance attribute.
func (c *checker) attrExpr(e *syntax.Attribute) Type {
	if c.isModulePath(e) {
		obj := c.attribute(e)
		if obj == nil {
			return nil
		}
		if obj.Kind == ObjBuiltin || obj.Kind == ObjSyscall || obj.Kind == ObjFunc && obj.Func == nil {
			c.errorf(e.Pos(), "%s can only be called here, not used as a value", dotted(e))
			return nil
		}
		return obj.Type
	}
	if n, ok := e.X.(*syntax.Name); ok {
		if obj := c.lookup(n); obj != nil && obj.Kind == ObjClass {
			c.b.Uses[n] = obj
			k := obj.Class.lookupConst(e.Name)
			if k == nil {
				if _, ok := obj.Class.lookupMethod(e.Name); ok {
					c.errorf(e.NamePos, "%s.%s is a method: call it on an instance, or as %s.%s(self, ...)", obj.Class.Name, e.Name, obj.Class.Name, e.Name)
					return nil
				}
				c.errorf(e.NamePos, "class %s has no attribute %q", obj.Class.Name, e.Name)
				return nil
			}
			c.b.Attrs[e] = k
			return k.Type
		}
	}
	xt := c.expr(e.X)
	if cl := classOf(xt); cl != nil {
		return c.instanceAttr(e, cl, false)
	}
	if a := arrayOf(xt); a != nil {
		return c.arrayAttr(e, a) // array.go
	}
	if xt != nil && !c.isHostNameUse(e.X) { // hostcode.go: reported already
		c.errorf(e.NamePos, "type mismatch: %s has no attribute %q", Final(xt), e.Name)
	}
	return nil
}

// pendingOp is an operation on operands whose type was not known when it
// was checked; finish verifies it.
type pendingOp struct {
	pos   syntax.Pos
	op    syntax.Op
	t     Type
	b     *Body
	print bool // a print() argument rather than an operation
	// arrayElem: t is the element type of an array (array.go)
	arrayElem bool
	// order: t is the type of both operands of <, <=, > or >=
	order bool
	sort  bool // the elements of a list that list.sort()/sorted() orders
	// callee: t is the signature of a called value of unknown type
	callee bool
	// dropped: t is the type of an expression statement's value
	dropped bool
}

func (c *checker) checkPending() {
	defer func() { c.fn = nil }()
	for _, p := range c.pending {
		c.fn = c.fnOfBody(p.b) // hostcode.go: route the error
		t := Final(p.t)
		if p.order {
			if _, unknown := t.(*Var); !unknown && !orderable(t, t) && !IsBytesLike(t) && len(c.errs) == 0 {
				c.errorf(p.pos, "type mismatch: cannot compare %s and %s with %s", t, t, p.op)
			}
			continue
		}
		if p.arrayElem {
			if v, unknown := t.(*Var); unknown && !v.isInt {
				v.ref = TFloat // array([]): NumPy's default dtype
			} else if !isArrayElem(t) {
				c.errorf(p.pos, "unsupported dtype: kernel arrays hold int32, int64, float or bool, not %s", t)
			}
			continue
		}
		if p.dropped {
			if t != nil {
				if _, unknown := Resolve(t).(*Var); unknown {
					unify(t, TInt32) // an element of an empty list: [].pop()
				}
				defaultElems(t)
				if !IsConcrete(t) && len(c.errs) == 0 {
					c.errorf(p.pos, "cannot infer the type of this expression (%s)", Final(t))
				}
			}
			continue
		}
		if p.callee {
			if !IsConcrete(t) && len(c.errs) == 0 {
				c.errorf(p.pos, "cannot infer the type of the function called here; annotate what holds it")
			}
			continue
		}
		if p.sort {
			if !orderable(t, t) && len(c.errs) == 0 {
				c.errorf(p.pos, "type mismatch: cannot sort a list of %s (its elements have no order)", t)
			}
			continue
		}
		if p.print {
			defaultElems(t)
			if (!IsConcrete(t) || !printable(t)) && len(c.errs) == 0 {
				c.errorf(p.pos, "print() of %s is not supported", t)
			}
			continue
		}
		ok := IsNumeric(t) || arrayOf(t) != nil
		switch p.op {
		case syntax.Add:
			switch Resolve(t).(type) {
			case *List, *Tuple:
				ok = true
			}
			ok = ok || Is(t, Str) || IsBytesLike(t)
		case syntax.LShift, syntax.RShift, syntax.BitAnd, syntax.BitOr, syntax.BitXor:
			ok = IsInt(t)
		}
		if !ok {
			if _, unknown := t.(*Var); unknown {
				continue // reported as a type that cannot be inferred
			}
			c.errorf(p.pos, "type mismatch: unsupported operand types for %s: %s and %s", p.op, t, t)
		}
	}
}

// callableVar makes a value of a type not known yet (the result of a
// function whose body is checked later) a function of n arguments, so
// that the call constrains it as inference goes on.
func (c *checker) callableVar(at syntax.Pos, t Type, n int) *Func {
	v, ok := Resolve(t).(*Var)
	if !ok || v.isInt || v.isNum {
		return nil // a number (it met arithmetic) is not callable
	}
	f := &Func{Result: c.fresh()}
	for i := 0; i < n; i++ {
		f.Params = append(f.Params, Param{Name: fmt.Sprintf("arg%d", i), Type: c.fresh()})
	}
	unify(v, f)
	// Inference must find the whole signature by the end of the module.
	c.pending = append(c.pending, pendingOp{pos: at, t: f, b: c.b, callee: true})
	return f
}

// repeatTuple is the type of t * n.
func repeatTuple(t *Tuple, n int64) *Tuple {
	out := &Tuple{}
	for i := int64(0); i < n && len(t.Elems) > 0; i++ {
		out.Elems = append(out.Elems, t.Elems...)
		if len(out.Elems) > 1<<16 {
			break
		}
	}
	return out
}

// listMethodCall types the methods of lists; ok is false for a name that
// is not one.
func (c *checker) listMethodCall(e *syntax.Call, f *syntax.Attribute, lt *List) (t Type, ok bool) {
	name := f.Name
	arity := map[string][2]int{
		"append": {1, 1}, "extend": {1, 1}, "insert": {2, 2}, "pop": {0, 1}, "remove": {1, 1},
		"index": {1, 1}, "count": {1, 1}, "clear": {0, 0}, "reverse": {0, 0}, "copy": {0, 0}, "sort": {0, 0},
	}[name]
	if arity == [2]int{} && name != "clear" && name != "reverse" && name != "copy" && name != "sort" {
		return nil, false
	}
	ci := &CallInfo{Builtin: "list." + name, Recv: f.X, Args: e.Args}
	c.b.Calls[e] = ci
	for _, k := range e.Keywords {
		if name == "sort" && k.Name == "reverse" {
			if v, isConst := k.Value.(*syntax.Constant); isConst && (v.Value == "True" || v.Value == "False") {
				ci.Reverse = v.Value == "True"
				c.expr(k.Value)
				continue
			}
			c.errorf(k.Value.Pos(), "list.sort(reverse=...) must be True or False")
			continue
		}
		c.errorf(k.P, "list.%s() got an unexpected keyword argument %q", name, k.Name)
	}
	args := make([]Type, len(e.Args))
	for i, a := range e.Args {
		args[i] = c.expr(a)
	}
	if len(args) < arity[0] || len(args) > arity[1] {
		c.errorf(e.Pos(), "list.%s() takes %d to %d arguments (%d given)", name, arity[0], arity[1], len(args))
		return nil, true
	}
	elem := func(i int) {
		if !unify(lt.Elem, args[i]) && !c.coercible(args[i], lt.Elem) {
			c.errorf(e.Args[i].Pos(), "type mismatch: cannot put %s in a %s", Final(args[i]), Final(lt))
		}
	}
	switch name {
	case "append":
		elem(0)
		return TNone, true
	case "extend":
		switch s := Resolve(args[0]).(type) {
		case *List:
			if unify(lt.Elem, s.Elem) || c.coercible(s.Elem, lt.Elem) {
				return TNone, true
			}
		case *Range:
			if unify(lt.Elem, s.Elem) || c.coercible(s.Elem, lt.Elem) {
				return TNone, true
			}
		case *Tuple:
			good := true
			for _, et := range s.Elems {
				if !unify(lt.Elem, et) && !c.coercible(et, lt.Elem) {
					good = false
				}
			}
			if good {
				return TNone, true
			}
		}
		if Is(args[0], Str) && unify(lt.Elem, TStr) {
			return TNone, true
		}
		c.errorf(e.Args[0].Pos(), "type mismatch: cannot extend a %s with %s", Final(lt), Final(args[0]))
		return TNone, true
	case "insert":
		if !IsInt(args[0]) {
			c.errorf(e.Args[0].Pos(), "type mismatch: list indices must be integers, found %s", Final(args[0]))
		}
		elem(1)
		return TNone, true
	case "pop":
		if len(args) == 1 && !IsInt(args[0]) {
			c.errorf(e.Args[0].Pos(), "type mismatch: list indices must be integers, found %s", Final(args[0]))
		}
		return lt.Elem, true
	case "remove", "index", "count":
		if !unify(lt.Elem, args[0]) && !(IsNumeric(lt.Elem) && IsNumeric(args[0])) {
			c.errorf(e.Args[0].Pos(), "type mismatch: cannot look for %s in a %s", Final(args[0]), Final(lt))
		}
		if name == "remove" {
			return TNone, true
		}
		return TInt32, true
	case "copy":
		return lt, true
	case "sort":
		c.pending = append(c.pending, pendingOp{pos: f.NamePos, t: lt.Elem, b: c.b, sort: true})
		return TNone, true
	}
	return TNone, true
}

// strMethodCall types the methods of strings; ok is false for a name that
// is not one.
func (c *checker) strMethodCall(e *syntax.Call, f *syntax.Attribute) (t Type, ok bool) {
	type sig struct {
		min, max int
		result   Type
	}
	sigs := map[string]sig{
		"upper": {0, 0, TStr}, "lower": {0, 0, TStr},
		"strip": {0, 1, TStr}, "lstrip": {0, 1, TStr}, "rstrip": {0, 1, TStr},
		"startswith": {1, 1, TBool}, "endswith": {1, 1, TBool},
		"find": {1, 1, TInt32}, "index": {1, 1, TInt32}, "count": {1, 1, TInt32},
		"replace": {2, 2, TStr}, "split": {0, 1, &List{Elem: TStr}}, "join": {1, 1, TStr},
	}
	sg, known := sigs[f.Name]
	if !known {
		return nil, false
	}
	c.b.Calls[e] = &CallInfo{Builtin: "str." + f.Name, Recv: f.X, Args: e.Args}
	if len(e.Keywords) > 0 {
		c.errorf(e.Keywords[0].P, "str.%s() takes no keyword arguments in kernels", f.Name)
	}
	if len(e.Args) < sg.min || len(e.Args) > sg.max {
		c.errorf(e.Pos(), "str.%s() takes %d to %d arguments (%d given)", f.Name, sg.min, sg.max, len(e.Args))
		c.exprs(e)
		return sg.result, true
	}
	for _, a := range e.Args {
		at := c.expr(a)
		if f.Name == "join" {
			if l, isList := Resolve(at).(*List); isList && unify(l.Elem, TStr) {
				continue
			}
			c.errorf(a.Pos(), "type mismatch: str.join() needs a list of str, found %s", Final(at))
			continue
		}
		if !Is(at, Str) {
			c.errorf(a.Pos(), "type mismatch: str.%s() needs str arguments, found %s", f.Name, Final(at))
		}
	}
	return sg.result, true
}

// builtinArgCount reports whether the call of builtin name has between lo
// and hi positional arguments, and says what it takes when not.
func (c *checker) builtinArgCount(e *syntax.Call, name string, lo, hi int) bool {
	n := len(e.Args)
	if n >= lo && n <= hi {
		return true
	}
	if lo == hi {
		c.errorf(e.Pos(), "%s() takes exactly %d argument%s (%d given)", name, lo, plural(lo), n)
	} else {
		c.errorf(e.Pos(), "%s() takes %d to %d arguments (%d given)", name, lo, hi, n)
	}
	return false
}
