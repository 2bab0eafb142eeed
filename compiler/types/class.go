package types

import (
	"fmt"
	"hash/fnv"
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
		if o, ok := k.consts[name]; ok {
			return o
		}
	}
	return nil
}

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
		consts: map[string]*Object{}, defs: map[string]*syntax.FuncDef{},
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
	if len(d.Params) == 0 {
		c.errorf(d.NamePos, "method %s needs a self parameter", name)
		return nil
	}
	sig := &Func{}
	fn := &Function{
		Name:    cl.Name + "." + name,
		Module:  c.cfg.Module,
		Symbol:  cl.Symbol() + "." + name,
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
		prm := Param{Name: p.Name, Type: t, Free: p.Annotation == nil}
		if p.Default != nil {
			prm.Default = c.constExpr(p.Default, t)
		}
		sig.Params = append(sig.Params, prm)
	}
	if d.Returns != nil {
		sig.Result = c.annotation(d.Returns)
	} else {
		sig.Result = c.fresh()
	}
	c.fn = caller
	cl.funcs[name] = fn
	c.info.Funcs = append(c.info.Funcs, fn)
	// The body is checked after the first call's arguments are bound
	// (checkMethod), so that an unannotated parameter takes the type of
	// the argument rather than of a literal in the body.
	return fn
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
		c.errorf(at, "%s object has no attribute %q", cl.Name, name).Hint = "assign it in __init__ first"
		return -1
	}
	cl.Fields = append(cl.Fields, &Field{Name: name, Type: c.fresh()})
	return len(cl.Fields) - 1
}

// instanceAttr types obj.name where obj is a class instance.
func (c *checker) instanceAttr(e *syntax.Attribute, cl *Class, store bool) Type {
	if cl.Host != nil {
		return c.hostAttr(e, cl, store)
	}
	if k := cl.lookupConst(e.Name); k != nil && !store {
		c.b.Attrs[e] = k
		return k.Type
	}
	create := store
	i := c.field(cl, e.Name, create, e.NamePos)
	if i < 0 {
		return nil
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
