package types

import (
	"fmt"
	"hash/fnv"
	"sort"
	"strings"

	"github.com/rules-artiq/rules_artiq/compiler/iface"
	"github.com/rules-artiq/rules_artiq/compiler/syntax"
)

// Class is a class of kernel code. Instances created in kernels live in the
// kernel heap and are referred to by pointer. A class has no subtypes in
// the type system: inherited methods are checked and compiled again for
// each class that inherits them, with self of that class, so that calls
// through self dispatch as Python's would.
type Class struct {
	Name   string // qualified name inside its module
	Module string
	Base   *Class
	Def    *syntax.ClassDef

	// Exception is the built-in exception class this one derives from
	// ("" for ordinary classes).
	Exception string

	Fields []*Field // instance attributes, in order of discovery
	// Host is set on a class whose instances come from the host (host.go).
	Host *HostClass

	consts map[string]*Object
	// vars are the class attributes that code assigns through the class
	// (S.period = 20): module variables (ObjGlobal) that replace the
	// constants of the same names.
	vars map[string]*Object
	// statics are the class's static kernel functions (@staticmethod
	// @portable), called through the class or an instance without self.
	statics map[string]*Object
	defs    map[string]*syntax.FuncDef // methods defined in this class body
	hosts   map[string]*syntax.FuncDef // host methods (not kernel code): RPCs when kernels call them
	funcs   map[string]*Function       // this class's compiled methods
}

// Field is one instance attribute.
type Field struct {
	Name string
	Type Type
}

func (c *Class) String() string {
	if c.Host != nil {
		return c.Symbol()
	}
	return c.Name
}

// Symbol is the class's qualified name, used to name its methods.
func (c *Class) Symbol() string { return c.Module + "." + c.Name }

// ExceptionID derives a user exception's id from its qualified name: ids
// below 23 are the firmware's; the hash keeps ids stable across modules and
// builds without a registry.
func (c *Class) ExceptionID() uint32 {
	h := fnv.New32a()
	h.Write([]byte(c.Symbol()))
	return 23 + h.Sum32()%(1<<31-23)
}

// FieldIndex returns the index of the named field, or -1.
func (c *Class) FieldIndex(name string) int {
	for i, f := range c.Fields {
		if f.Name == name {
			return i
		}
	}
	return -1
}

// lookupMethod finds the definition of a method in the class or its bases.
func (c *Class) lookupMethod(name string) (*syntax.FuncDef, bool) {
	for k := c; k != nil; k = k.Base {
		if d, ok := k.defs[name]; ok {
			return d, true
		}
		if k.hosts[name] != nil {
			return nil, true
		}
	}
	return nil, false
}

// lookupStatic finds a static kernel function in the class or its bases.
func (c *Class) lookupStatic(name string) *Object {
	for k := c; k != nil; k = k.Base {
		if o, ok := k.statics[name]; ok {
			return o
		}
		if _, ok := k.defs[name]; ok {
			return nil
		}
	}
	return nil
}

func (c *Class) lookupConst(name string) *Object {
	for k := c; k != nil; k = k.Base {
		if o, ok := k.vars[name]; ok {
			return o
		}
		if o, ok := k.consts[name]; ok {
			return o
		}
	}
	return nil
}

// ClassAttr is the class attribute name as seen from c (a constant, or
// the variable of one that code assigns through the class), or nil.
func (c *Class) ClassAttr(name string) *Object { return c.lookupConst(name) }

// FieldRef is a resolved instance attribute access.
type FieldRef struct {
	Class *Class
	Index int
}

// MethodCall is a resolved call of a method on a receiver.
type MethodCall struct {
	Recv syntax.Expr
}

func (c *checker) declareClass(d *syntax.ClassDef) {
	if !c.cfg.Standalone && c.hostOnlyClass(d) { // hostcode.go
		return
	}
	cl := &Class{Name: d.Name, Module: c.cfg.Module, Def: d,
		consts: map[string]*Object{}, vars: map[string]*Object{}, defs: map[string]*syntax.FuncDef{},
		hosts: map[string]*syntax.FuncDef{}, funcs: map[string]*Function{}}
	hostBase, env := false, false
	for _, b := range d.Bases {
		n, ok := b.(*syntax.Name)
		if !ok {
			c.errorf(b.Pos(), "a base class must be a class name")
			continue
		}
		switch {
		case n.Value == "object":
		case c.isHostBase(n.Value):
			hostBase = true
			env = env || n.Value != "Experiment"
		case builtinExceptions[n.Value]:
			cl.Exception = n.Value
		default:
			obj := c.scope[n.Value]
			if obj == nil || obj.Class == nil {
				c.errorf(b.Pos(), "%q is not a kernel class", n.Value)
				continue
			}
			if cl.Base != nil {
				c.errorf(b.Pos(), "multiple inheritance is not supported in kernels")
				continue
			}
			cl.Base = obj.Class
			cl.Exception = obj.Class.Exception
		}
	}
	c.markHostClass(cl, d, hostBase)
	if env && cl.Host != nil {
		cl.Host.Env = true
	}
	if cl.Exception != "" && cl.Host == nil {
		// The message, what str(e) gives: set by the constructor's argument
		// or by the base class's __init__.
		cl.Fields = append(cl.Fields, &Field{Name: MessageField, Type: TStr})
	}
	for _, s := range d.Body {
		switch s := s.(type) {
		case *syntax.FuncDef:
			switch {
			case isStaticKernel(s):
				c.declareStatic(cl, s)
			case c.isKernelMethod(s):
				cl.defs[s.Name] = s
			default:
				cl.hosts[s.Name] = s
			}
		case *syntax.Assign, *syntax.AnnAssign:
			c.declareClassConst(cl, s)
		case *syntax.Pass:
		case *syntax.ExprStmt:
			if _, ok := s.X.(*syntax.StrLit); !ok && cl.Host == nil {
				c.errorf(s.Pos(), "only methods and constants are allowed in a class body")
			}
		default:
			if cl.Host == nil { // a host class's body is host code (hostcode.go)
				c.errorf(s.Pos(), "only methods and constants are allowed in a class body")
			}
		}
	}
	c.info.Classes = append(c.info.Classes, cl)
	c.bind(d.Name, d.NamePos, &Object{Kind: ObjClass, Name: d.Name, Pos: d.NamePos, Class: cl})
}

// isStaticKernel reports a @staticmethod that is also kernel code
// (@staticmethod @portable, ARTIQ's drivers' register helpers).
func isStaticKernel(d *syntax.FuncDef) bool {
	static, kernel := false, false
	for _, dec := range d.Decorators {
		switch decoratorName(dec) {
		case "staticmethod":
			static = true
		case "kernel", "portable":
			kernel = true
		}
	}
	return static && kernel
}

// declareStatic declares a static kernel function of a class: a function
// named Class.f, compiled like a module-level function (in a library its
// errors are deferred, as a driver's methods' are: only a kernel that
// calls it fails).
func (c *checker) declareStatic(cl *Class, d *syntax.FuncDef) {
	sig := c.signature(d, false)
	fn := &Function{
		Name:    cl.Name + "." + d.Name,
		Module:  c.cfg.Module,
		Symbol:  cl.Symbol() + "." + d.Name,
		Def:     d,
		Stmts:   d.Body,
		Sig:     sig,
		Private: strings.HasPrefix(d.Name, "_"),
		Static:  true,
	}
	if cl.Host != nil || !c.cfg.Standalone {
		c.hc().deferrable[fn] = true // hostcode.go
	}
	c.info.Funcs = append(c.info.Funcs, fn)
	if cl.statics == nil {
		cl.statics = map[string]*Object{}
	}
	cl.statics[d.Name] = &Object{Kind: ObjFunc, Name: fn.Name, Type: sig, Func: fn, Pos: d.NamePos}
}

func (c *checker) isKernelMethod(d *syntax.FuncDef) bool {
	for _, dec := range d.Decorators {
		switch decoratorName(dec) {
		case "kernel", "portable":
			return true
		case "rpc", "host_only", "staticmethod", "classmethod", "property":
			return false
		}
	}
	return c.cfg.Standalone
}

func (c *checker) declareClassConst(cl *Class, s syntax.Stmt) {
	if cl.Host != nil {
		// Class attributes of host classes are host values (snapshot),
		// read through instances; the constant ones are also constants of
		// the class, for reads through its name (`ProtoRev8.CFG_RST`).
		if a, ok := s.(*syntax.Assign); ok && len(a.Targets) == 1 {
			if n, ok := a.Targets[0].(*syntax.Name); ok && c.evalConst(a.Value) != nil {
				if k := c.constExpr(a.Value, c.fresh()); k != nil {
					cl.consts[n.Value] = &Object{Kind: ObjConst, Name: n.Value, Type: k.Type, Const: k, Pos: n.Pos()}
				}
			}
		}
		return
	}
	var target, value syntax.Expr
	var want Type
	switch s := s.(type) {
	case *syntax.Assign:
		if len(s.Targets) != 1 {
			c.errorf(s.Pos(), "chained assignment is not allowed in a class body")
			return
		}
		target, value = s.Targets[0], s.Value
	case *syntax.AnnAssign:
		target, value = s.Target, s.Value
		if value == nil {
			return // an annotation only: a field declaration
		}
		want = c.annotation(s.Annotation)
	}
	n, ok := target.(*syntax.Name)
	if !ok {
		c.errorf(target.Pos(), "class attributes must be names")
		return
	}
	if want == nil {
		want = c.fresh()
	}
	if k := c.constExpr(value, want); k != nil {
		cl.consts[n.Value] = &Object{Kind: ObjConst, Name: n.Value, Type: k.Type, Const: k, Pos: n.Pos()}
	}
}

// method returns (creating and checking on first use) the compiled
// method name of class cl, with self of type cl.
func (c *checker) method(cl *Class, name string, at syntax.Pos) *Function {
	if cl.Host != nil && cl.Host.Imported {
		return c.importedMethod(cl, name, at)
	}
	if fn, ok := cl.funcs[name]; ok {
		return fn
	}
	d, ok := cl.lookupMethod(name)
	if !ok {
		c.errorf(at, "class %s has no method %q", cl.Name, name)
		return nil
	}
	if d == nil {
		c.hostReach(at, &iface.HostReach{Verb: "calls", Thing: cl.Name + "." + name, What: "host code", // hostcode.go
			Hint: "decorate it with @kernel or @portable"})
		return nil
	}
	fn := c.newMethod(cl, d, name, cl.Name+"."+name, cl.Symbol()+"."+name, at)
	if fn != nil {
		cl.funcs[name] = fn
	}
	return fn
}

// newMethod creates the compiled method d of class cl (self of type cl),
// named and linked as given.
func (c *checker) newMethod(cl *Class, d *syntax.FuncDef, name, qualified, symbol string, at syntax.Pos) *Function {
	if len(d.Params) == 0 {
		c.errorf(d.NamePos, "method %s needs a self parameter", name)
		return nil
	}
	sig := &Func{}
	fn := &Function{
		Name:    qualified,
		Module:  c.cfg.Module,
		Symbol:  symbol,
		Def:     d,
		Stmts:   d.Body,
		Sig:     sig,
		Private: strings.HasPrefix(name, "_") && !strings.HasSuffix(name, "__"),
		Class:   cl,
	}
	// The signature's errors are the method's own (hostcode.go: a driver
	// method's errors are deferred to the kernels that call it).
	c.markDeferrable(fn, at)
	caller := c.fn
	c.fn = fn
	sig.Params = append(sig.Params, Param{Name: d.Params[0].Name, Type: cl})
	for _, p := range d.Params[1:] {
		var t Type
		if p.Annotation != nil {
			t = c.annotation(p.Annotation)
		} else {
			t = c.fresh()
		}
		if p.Kind != syntax.ParamNormal && p.Kind != syntax.ParamKwOnly {
			c.errorf(p.P, "*args and **kwargs parameters are not supported in kernels")
			continue
		}
		prm := Param{Name: p.Name, Type: t, KwOnly: p.Kind == syntax.ParamKwOnly, Free: p.Annotation == nil}
		if p.Default != nil {
			prm.Default, prm.badDefault = c.defaultValue(p.Default, t)
		}
		sig.Params = append(sig.Params, prm)
	}
	if d.Returns != nil {
		sig.Result = c.annotation(d.Returns)
	} else {
		sig.Result = c.fresh()
	}
	c.fn = caller
	c.info.Funcs = append(c.info.Funcs, fn)
	// The body is checked after the first call's arguments are bound
	// (checkMethod), so that an unannotated parameter takes the type of
	// the argument rather than of a literal in the body.
	return fn
}

// definingClass is the class among cl and its bases whose body defines d.
func definingClass(cl *Class, d *syntax.FuncDef) *Class {
	for k := cl; k != nil; k = k.Base {
		for _, def := range k.defs {
			if def == d {
				return k
			}
		}
	}
	return nil
}

// inherits reports whether cl is base or derives from it.
func inherits(cl, base *Class) bool {
	for k := cl; k != nil; k = k.Base {
		if k == base {
			return true
		}
	}
	return false
}

// methodFrom returns method name as found from class from (from itself or
// its bases, skipping overrides in cl's classes below from), compiled for
// self of class cl: the target of Base.name(self, ...) and super().name().
func (c *checker) methodFrom(cl, from *Class, name string, at syntax.Pos) *Function {
	d, ok := from.lookupMethod(name)
	if !ok {
		c.errorf(at, "class %s has no method %q", from.Name, name)
		return nil
	}
	if own, _ := cl.lookupMethod(name); own == d || d == nil {
		return c.method(cl, name, at) // the same definition (or host code, reported there)
	}
	def := definingClass(from, d)
	key := def.Name + "." + name
	if fn, ok := cl.funcs[key]; ok {
		return fn
	}
	fn := c.newMethod(cl, d, name, cl.Name+"."+key, cl.Symbol()+"."+key, at)
	if fn != nil {
		cl.funcs[key] = fn
	}
	return fn
}

// explicitMethodCall types Class.name(self, args...) and
// super().name(args...): the method as found from class from, on the
// receiver recv, with the call's arguments after self (args).
func (c *checker) explicitMethodCall(e *syntax.Call, from *Class, name string, at syntax.Pos, recv syntax.Expr, args []syntax.Expr) Type {
	if _, ok := from.lookupMethod(name); !ok && name == "__init__" {
		// No kernel class up the chain defines __init__: the built-in
		// exception's (it sets the message) or object's (nothing to do).
		if from.Exception != "" {
			return c.exceptionBaseInit(e, recv, args)
		}
		if len(args) == 0 && len(e.Keywords) == 0 {
			c.expr(recv)
			c.b.Calls[e] = &CallInfo{Builtin: "object.__init__"}
			return TNone
		}
	}
	rt := c.expr(recv)
	cl := classOf(rt)
	if cl == nil || !inherits(cl, from) {
		if rt != nil {
			c.errorf(recv.Pos(), "type mismatch: %s.%s needs an instance of %s (or of a class derived from it) as self, found %s", from.Name, name, from.Name, Final(rt))
		}
		for _, a := range args {
			c.expr(a)
		}
		return nil
	}
	fn := c.methodFrom(cl, from, name, at)
	if fn == nil {
		for _, a := range args {
			c.expr(a)
		}
		return nil
	}
	sub := &syntax.Call{Fun: e.Fun, Args: args, Keywords: e.Keywords}
	sub.P = e.P
	ci := &CallInfo{}
	c.bindMethodArgs(sub, ci, fn, recv)
	c.b.Calls[e] = ci
	c.checkMethod(fn)
	return fn.Sig.Result
}

// classMethodCall types Class.name(self, args...).
func (c *checker) classMethodCall(e *syntax.Call, attr *syntax.Attribute, from *Class) Type {
	if len(e.Args) == 0 {
		c.errorf(e.Pos(), "%s.%s() called through its class needs the instance as its first argument", from.Name, attr.Name).Hint = "call it on an instance, or pass self: " + from.Name + "." + attr.Name + "(self, ...)"
		c.exprs(e)
		return nil
	}
	if _, star := e.Args[0].(*syntax.Starred); star {
		c.errorf(e.Args[0].Pos(), "*args in calls is not supported in kernels")
		c.exprs(e)
		return nil
	}
	return c.explicitMethodCall(e, from, attr.Name, attr.NamePos, e.Args[0], e.Args[1:])
}

// isSuper reports whether e is a call of the builtin super.
func (c *checker) isSuper(e syntax.Expr) (*syntax.Call, bool) {
	call, ok := e.(*syntax.Call)
	if !ok {
		return nil, false
	}
	n, ok := call.Fun.(*syntax.Name)
	if !ok || n.Value != "super" || c.lookup(n) != nil {
		return nil, false
	}
	return call, true
}

// superCall types super().name(args) and super(Class, self).name(args):
// the method as found from the base of the class whose body defines the
// current method, on self.
func (c *checker) superCall(e *syntax.Call, attr *syntax.Attribute, sup *syntax.Call) Type {
	m := ownerOf(c.fn)
	var k *Class
	var recv syntax.Expr
	switch {
	case len(sup.Args) == 0 && len(sup.Keywords) == 0:
		if m == nil || m.Class == nil || m.Def == nil || len(m.Def.Params) == 0 {
			c.errorf(sup.Pos(), "super() without arguments can only be used inside a method")
			c.exprs(e)
			return nil
		}
		k = definingClass(m.Class, m.Def)
		self := &syntax.Name{Value: m.Def.Params[0].Name}
		self.P = sup.P
		recv = self
	case len(sup.Args) == 2 && len(sup.Keywords) == 0:
		n, ok := sup.Args[0].(*syntax.Name)
		var obj *Object
		if ok {
			obj = c.lookup(n)
		}
		if obj == nil || obj.Kind != ObjClass {
			c.errorf(sup.Args[0].Pos(), "the first argument of super() must be a kernel class")
			c.exprs(e)
			return nil
		}
		k, recv = obj.Class, sup.Args[1]
	default:
		c.errorf(sup.Pos(), "super() takes no arguments, or a class and self")
		c.exprs(e)
		return nil
	}
	if k == nil {
		c.exprs(e)
		return nil
	}
	if k.Base == nil {
		if attr.Name == "__init__" && k.Exception == "" && len(e.Args) == 0 && len(e.Keywords) == 0 {
			// object.__init__(self): nothing to do.
			c.expr(recv)
			c.b.Calls[e] = &CallInfo{Builtin: "object.__init__"}
			return TNone
		}
		if k.Exception != "" && attr.Name == "__init__" {
			return c.exceptionBaseInit(e, recv, e.Args)
		}
		c.errorf(attr.NamePos, "class %s has no kernel base class that defines %q", k.Name, attr.Name)
		c.exprs(e)
		return nil
	}
	return c.explicitMethodCall(e, k.Base, attr.Name, attr.NamePos, recv, e.Args)
}

// checkMethod checks a method's body once.
func (c *checker) checkMethod(fn *Function) {
	if fn == nil || fn.Body != nil || fn.Imported || fn.Def == nil {
		return
	}
	saved, outers := c.save(), c.outers
	c.outers = nil
	c.checkFunc(fn)
	c.outers = outers
	c.restore(saved)
}

// field returns the index of an instance attribute, adding it on first
// assignment.
func (c *checker) field(cl *Class, name string, create bool, at syntax.Pos) int {
	if i := cl.FieldIndex(name); i >= 0 {
		return i
	}
	if !create {
		// A method not checked yet may assign it (an object made by a
		// function checked later than this use): check those first.
		if c.checkAssigners(cl, name, at) {
			if i := cl.FieldIndex(name); i >= 0 {
				return i
			}
		}
		c.errorf(at, "%s object has no attribute %q", cl.Name, name).Hint = "assign it in __init__ first"
		return -1
	}
	cl.Fields = append(cl.Fields, &Field{Name: name, Type: c.fresh()})
	return len(cl.Fields) - 1
}

// checkAssigners checks the methods of cl not checked yet whose bodies
// assign self.name, __init__ first; it reports whether it checked any.
func (c *checker) checkAssigners(cl *Class, name string, at syntax.Pos) bool {
	if cl.Host != nil {
		return false
	}
	var names []string
	seen := map[string]bool{}
	for k := cl; k != nil; k = k.Base {
		var own []string
		for n := range k.defs {
			own = append(own, n)
		}
		sort.Strings(own)
		for _, n := range own {
			if !seen[n] {
				seen[n] = true
				if n == "__init__" {
					names = append([]string{n}, names...)
				} else {
					names = append(names, n)
				}
			}
		}
	}
	checked := false
	for _, n := range names {
		d, _ := cl.lookupMethod(n)
		if d == nil || len(d.Params) == 0 || !assignsAttr(d.Body, d.Params[0].Name, name) {
			continue
		}
		if fn, ok := cl.funcs[n]; ok && fn.Body != nil {
			continue // checked (or being checked) already
		}
		fn := c.method(cl, n, at)
		if fn == nil || fn.Body != nil {
			continue
		}
		c.checkMethod(fn)
		checked = true
	}
	return checked
}

// assignsAttr reports whether body assigns self.attr.
func assignsAttr(body []syntax.Stmt, self, attr string) bool {
	found := false
	is := func(e syntax.Expr) {
		for _, t := range flattenTargets(e) {
			if a, ok := t.(*syntax.Attribute); ok && a.Name == attr {
				if n, ok := a.X.(*syntax.Name); ok && n.Value == self {
					found = true
				}
			}
		}
	}
	walkStmts(body, func(s syntax.Stmt) {
		switch s := s.(type) {
		case *syntax.Assign:
			for _, t := range s.Targets {
				is(t)
			}
		case *syntax.AugAssign:
			is(s.Target)
		case *syntax.AnnAssign:
			is(s.Target)
		case *syntax.For:
			is(s.Target)
		}
	})
	return found
}

// flattenTargets lists the targets inside tuple and list targets.
func flattenTargets(e syntax.Expr) []syntax.Expr {
	switch e := e.(type) {
	case *syntax.Tuple:
		var out []syntax.Expr
		for _, x := range e.Elts {
			out = append(out, flattenTargets(x)...)
		}
		return out
	case *syntax.List:
		var out []syntax.Expr
		for _, x := range e.Elts {
			out = append(out, flattenTargets(x)...)
		}
		return out
	}
	return []syntax.Expr{e}
}

// BoundMethod is obj.method used as a value: a closure over a hidden local
// holding obj (Recv), which calls the method with its arguments.
type BoundMethod struct {
	Recv   *Object
	Lambda *syntax.Lambda
}

// boundMethod types obj.name where name is a method of obj's class and
// the expression is a value, not a call.
func (c *checker) boundMethod(e *syntax.Attribute, cl *Class, d *syntax.FuncDef) Type {
	pos := e.NamePos
	if len(d.Params) == 0 {
		c.errorf(d.NamePos, "method %s needs a self parameter", d.Name)
		return nil
	}
	if c.fn == nil {
		c.errorf(pos, "a method cannot be used as a value here")
		return nil
	}
	recv := &Object{Kind: ObjLocal, Name: fmt.Sprintf("bound@%d:%d", pos.Line, pos.Col), Type: cl, Pos: pos}
	c.fn.Locals = append(c.fn.Locals, recv)
	c.locals[recv.Name] = recv
	ref := &syntax.Name{Value: recv.Name}
	ref.P = pos
	attr := &syntax.Attribute{X: ref, Name: e.Name, NamePos: pos}
	attr.P = pos
	call := &syntax.Call{Fun: attr}
	call.P = pos
	var params []*syntax.Param
	for _, p := range d.Params[1:] {
		if p.Kind != syntax.ParamNormal {
			c.errorf(pos, "a method with *args or **kwargs cannot be used as a value")
			return nil
		}
		np := *p
		np.Annotation = nil
		params = append(params, &np)
		arg := &syntax.Name{Value: p.Name}
		arg.P = pos
		call.Args = append(call.Args, arg)
	}
	lam := &syntax.Lambda{Params: params, Body: call}
	lam.P = pos
	t := c.expr(lam)
	c.b.BoundMethods[e] = &BoundMethod{Recv: recv, Lambda: lam}
	return t
}

// instanceAttr types obj.name where obj is a class instance.
func (c *checker) instanceAttr(e *syntax.Attribute, cl *Class, store bool) Type {
	if cl.Host != nil {
		return c.hostAttr(e, cl, store)
	}
	if !store && cl.FieldIndex(e.Name) < 0 && cl.lookupConst(e.Name) == nil {
		if d, ok := cl.lookupMethod(e.Name); ok && d != nil {
			return c.boundMethod(e, cl, d)
		}
	}
	if k := cl.lookupConst(e.Name); k != nil && !store {
		if i := cl.FieldIndex(e.Name); i >= 0 {
			c.b.Fields[e] = &FieldRef{Class: cl, Index: i} // assigned on instances
			return cl.Fields[i].Type
		}
		// An instance attribute of the same name, assigned later in the
		// checking, shadows it: finish() turns this read into a field load.
		c.b.Attrs[e] = k
		c.classAttrReads = append(c.classAttrReads, classAttrRead{cl: cl, e: e, b: c.b})
		return k.Type
	}
	create := store
	i := c.field(cl, e.Name, create, e.NamePos)
	if i < 0 {
		return nil
	}
	if k := cl.lookupConst(e.Name); k != nil && store {
		// obj.attr = v shadows the class attribute on that instance: the
		// field starts with the class's value (lower: allocInstance).
		if !unify(cl.Fields[i].Type, k.Type) && !(IsNumeric(k.Type) && IsNumeric(cl.Fields[i].Type)) {
			c.errorf(e.NamePos, "type mismatch: attribute %q of %s instances has type %s, the class attribute %s", e.Name, cl.Name, Final(cl.Fields[i].Type), Final(k.Type))
		}
	}
	c.b.Fields[e] = &FieldRef{Class: cl, Index: i}
	return cl.Fields[i].Type
}

// newInstance types C(args): the instance, after __init__.
func (c *checker) newInstance(e *syntax.Call, cl *Class) Type {
	ci := &CallInfo{New: cl}
	c.b.Calls[e] = ci
	if _, ok := cl.lookupMethod("__init__"); ok {
		fn := c.method(cl, "__init__", e.Pos())
		if fn == nil {
			c.exprs(e)
			return cl
		}
		c.bindMethodArgs(e, ci, fn, nil)
		c.checkMethod(fn)
		return cl
	}
	if cl.Exception != "" {
		// User exceptions take an optional message, as built-in ones do.
		if len(e.Args) > 1 || len(e.Keywords) > 0 {
			c.errorf(e.Pos(), "an exception takes at most one argument, its message")
		}
		for _, a := range e.Args {
			if t := c.expr(a); !Is(t, Str) {
				c.errorf(a.Pos(), "type mismatch: an exception message must be str, found %s", Final(t))
			}
		}
		ci.Args = e.Args
		return cl
	}
	if len(e.Args) > 0 || len(e.Keywords) > 0 {
		c.errorf(e.Pos(), "%s() takes no arguments (it has no __init__)", cl.Name)
	}
	return cl
}

// bindMethodArgs binds a call's arguments to a method's parameters after
// self (recv is nil for __init__, whose self is the new instance).
func (c *checker) bindMethodArgs(e *syntax.Call, ci *CallInfo, fn *Function, recv syntax.Expr) {
	sig := &Func{Params: fn.Sig.Params[1:], Result: fn.Sig.Result}
	tmp := &Object{Kind: ObjFunc, Name: fn.Name, Type: sig, Func: fn}
	c.callSig(e, tmp, sig)
	bound := c.b.Calls[e]
	ci.Callee = &Object{Kind: ObjFunc, Name: fn.Name, Type: fn.Sig, Func: fn}
	ci.Args = bound.Args
	ci.Defaults = bound.Defaults
	ci.Recv = recv
	c.b.Calls[e] = ci
}

// methodCall types recv.name(args).
func (c *checker) methodCall(e *syntax.Call, attr *syntax.Attribute, cl *Class) Type {
	if st := c.static(cl, attr.Name, attr.NamePos); st != nil {
		return c.callSig(e, st, st.Type.(*Func)) // the receiver is not passed
	}
	if t, ok := c.methodRPC(e, attr, cl); ok { // rpcmethod.go
		return t
	}
	if _, isMethod := cl.lookupMethod(attr.Name); !isMethod && cl.Host == nil {
		// obj.f(...) where f is a field holding a function value.
		if cl.FieldIndex(attr.Name) >= 0 || c.checkAssigners(cl, attr.Name, attr.NamePos) && cl.FieldIndex(attr.Name) >= 0 {
			t := c.instanceAttr(attr, cl, false)
			c.b.Types[attr] = t
			if ft, ok := Resolve(t).(*Func); ok {
				return c.callValue(e, ft)
			}
			if ft := c.callableVar(attr.NamePos, t, len(e.Args)); ft != nil {
				return c.callValue(e, ft)
			}
			c.errorf(attr.NamePos, "type mismatch: attribute %q of %s is not callable (it has type %s)", attr.Name, cl.Name, Final(t))
			c.exprs(e)
			return nil
		}
	}
	fn := c.method(cl, attr.Name, attr.NamePos)
	if fn == nil {
		c.exprs(e)
		return nil
	}
	ci := &CallInfo{}
	c.bindMethodArgs(e, ci, fn, attr.X)
	c.checkMethod(fn)
	return fn.Sig.Result
}

// classOf returns the class of an instance type, or nil.
func classOf(t Type) *Class {
	cl, _ := Resolve(t).(*Class)
	return cl
}

// withObject checks `with ctx [as target]: body` on an instance of a class
// with __enter__ and __exit__: the lowering runs it as
// `try: body finally: ctx.__exit__(None, None, None)` after __enter__.
func (c *checker) withObject(s *syntax.With) {
	if len(s.Items) != 1 {
		c.errorf(s.Pos(), "a with statement on objects takes one context manager")
		c.stmts(s.Body)
		return
	}
	item := s.Items[0]
	ct := c.expr(item.Context)
	cl := classOf(ct)
	if cl == nil {
		if ct != nil {
			c.errorf(item.Context.Pos(), "type mismatch: a with statement needs parallel, sequential or an object with __enter__ and __exit__, found %s", Final(ct))
		}
		c.stmts(s.Body)
		return
	}
	pos := item.Context.Pos()
	// A hidden local (its name cannot be written in Python) holds the
	// context object so that it is evaluated once.
	ctx := &Object{Kind: ObjLocal, Name: fmt.Sprintf("with@%d:%d", pos.Line, pos.Col), Type: ct, Pos: pos}
	c.fn.Locals = append(c.fn.Locals, ctx)
	c.locals[ctx.Name] = ctx
	ref := func() *syntax.Name {
		n := &syntax.Name{Value: ctx.Name}
		n.P = pos
		c.b.Uses[n] = ctx
		c.b.Types[n] = ct
		return n
	}
	call := func(name string, args ...syntax.Expr) *syntax.Call {
		attr := &syntax.Attribute{X: ref(), Name: name, NamePos: pos}
		attr.P = pos
		e := &syntax.Call{Fun: attr, Args: args}
		e.P = pos
		c.b.Types[e] = c.methodCall(e, attr, cl)
		return e
	}
	none := func() syntax.Expr {
		k := &syntax.Constant{Value: "None"}
		k.P = pos
		return k
	}
	enter := call("__enter__")
	if item.Target != nil {
		c.assign(item.Target, c.b.Types[enter], nil)
	}
	exit := &syntax.ExprStmt{X: call("__exit__", none(), none(), none())}
	exit.P = pos
	try := &syntax.Try{Body: s.Body, Finally: []syntax.Stmt{exit}}
	try.P = s.Pos()
	c.b.Withs[s] = &WithInfo{Ctx: ctx, Enter: enter, Try: try}
	c.tryStmt(try)
}

// classAttrRead is a read of a class attribute through an instance.
type classAttrRead struct {
	cl *Class
	e  *syntax.Attribute
	b  *Body
}

// shadowedClassAttrs turns the reads of class attributes through instances
// into field loads where instances also have the attribute.
func (c *checker) shadowedClassAttrs() {
	for _, r := range c.classAttrReads {
		if i := r.cl.FieldIndex(r.e.Name); i >= 0 {
			delete(r.b.Attrs, r.e)
			r.b.Fields[r.e] = &FieldRef{Class: r.cl, Index: i}
			unify(r.cl.Fields[i].Type, r.b.Types[r.e])
		}
	}
}

// declareClassVars finds the class attributes that code assigns through
// the class (S.period = 20, S.count += 1) anywhere in the module and
// turns each into a module variable initialized with its constant.
func (c *checker) declareClassVars(f *syntax.File) {
	var stmts []syntax.Stmt
	var collect func(body []syntax.Stmt)
	collect = func(body []syntax.Stmt) {
		walkStmts(body, func(s syntax.Stmt) {
			switch s := s.(type) {
			case *syntax.FuncDef:
				collect(s.Body)
			case *syntax.ClassDef:
				collect(s.Body)
			default:
				stmts = append(stmts, s)
			}
		})
	}
	collect(f.Body)
	for _, s := range stmts {
		var targets []syntax.Expr
		switch s := s.(type) {
		case *syntax.Assign:
			targets = s.Targets
		case *syntax.AugAssign:
			targets = []syntax.Expr{s.Target}
		case *syntax.AnnAssign:
			targets = []syntax.Expr{s.Target}
		}
		for _, t := range targets {
			for _, x := range flattenTargets(t) {
				a, ok := x.(*syntax.Attribute)
				if !ok {
					continue
				}
				n, ok := a.X.(*syntax.Name)
				if !ok {
					continue
				}
				obj := c.scope[n.Value]
				if obj == nil || obj.Kind != ObjClass || obj.Class.Host != nil {
					continue
				}
				for k := obj.Class; k != nil; k = k.Base {
					if _, done := k.vars[a.Name]; done {
						break
					}
					if kc, ok := k.consts[a.Name]; ok {
						v := &Object{Kind: ObjGlobal, Name: k.Name + "." + a.Name, Type: kc.Type,
							Symbol: k.Symbol() + "." + a.Name, Pos: kc.Pos, Init: kc.Const}
						k.vars[a.Name] = v
						c.info.Globals = append(c.info.Globals, v)
						break
					}
				}
			}
		}
	}
}

// static returns the static kernel function name of class cl (of this
// module, or of another module's host class through its interface), or
// nil.
func (c *checker) static(cl *Class, name string, at syntax.Pos) *Object {
	if cl.Host == nil || !cl.Host.Imported {
		return cl.lookupStatic(name)
	}
	if o, ok := cl.statics[name]; ok {
		return o
	}
	it := c.cfg.Imports[cl.Module]
	if it == nil {
		return nil
	}
	for _, f := range it.Statics {
		if f.Name != cl.Name+"."+name {
			continue
		}
		c.info.Imported[cl.Module] = true
		sig := &Func{Result: c.ifaceType(f.Result, at)}
		for _, p := range f.Params {
			t := c.ifaceType(p.Type, at)
			prm := Param{Name: p.Name, Type: t, Free: p.Free}
			if p.Default != "" && t != nil {
				if v, err := parseConst(t, p.Default); err == nil {
					prm.Default = v
				}
			}
			sig.Params = append(sig.Params, prm)
		}
		fn := &Function{Name: f.Name, Module: cl.Module, Symbol: cl.Symbol() + "." + name, Sig: sig, Imported: true, Static: true}
		o := &Object{Kind: ObjFunc, Name: f.Name, Type: sig, Func: fn}
		if cl.statics == nil {
			cl.statics = map[string]*Object{}
		}
		cl.statics[name] = o
		return o
	}
	return nil
}
