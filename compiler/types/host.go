package types

import (
	"fmt"
	"sort"
	"strings"

	"github.com/rules-artiq/rules_artiq/compiler/hostobj"
	"github.com/rules-artiq/rules_artiq/compiler/iface"
	"github.com/rules-artiq/rules_artiq/compiler/syntax"
	"github.com/rules-artiq/rules_artiq/snapshot"
)

// Host classes are classes of kernel code whose instances come from the
// host: the experiment (a subclass of EnvExperiment or HasEnvironment)
// and device drivers and other objects built by host code (a class whose
// __init__ is host code, or that declares kernel_invariants or
// KernelInvariant[...] attributes). Their attributes, with their types,
// come from the snapshot through a hostobj.Source (Config.Host): the
// module's slice in a compile, the whole snapshot in the uses pass of
// `kernelc slice`. Without a Source, host classes are not compiled.
//
// Every kernel method of a host class defined in the module is compiled,
// with self of that class, whether or not the module calls it: other
// modules call it through the interface, where it appears as
// `func Class.method(self: module.Class, ...)`. A host class of another
// module is known by its qualified name; its methods come from that
// module's interface, its layout from the slice when a field is read.
//
// An instance is a pointer to the class's struct (hostobj.Fields:
// representable attributes sorted by name). A read of an invariant of a
// statically known object is folded (hostobj.Foldable); every other read
// and every write is a field access through the pointer. Statically known
// are `self` in the methods of the entry object's class (the entry object
// is a singleton) and invariant references read from a statically known
// object (`self.ttl0` when ttl0 is an invariant).

// HostClass is set on a host class.
type HostClass struct {
	// Imported is set on a class of another module.
	Imported bool
	// Singleton is the object that self always is in the class's
	// methods, or "".
	Singleton string
	// Env is set on a class derived from ARTIQ's HasEnvironment or
	// EnvExperiment: it has the environment's methods (set_dataset, ...).
	Env bool

	loaded bool                    // layout asked for
	known  bool                    // the snapshot has instances (layout valid)
	attrs  map[string]hostobj.Attr // every attribute by name
}

// HostInfo is what the lowering needs to know about host objects.
type HostInfo struct {
	refs    map[*Body]map[*syntax.Attribute]string
	classes map[string]*Class // other modules' host classes by qualified name
	checks  map[string]bool   // hostobj check symbols of the layouts and folds used
}

// CheckSymbols returns, sorted, the hostobj check symbols of the class
// layouts and folded values the module's code depends on: the object
// references them and the link's data object defines them.
func (h *HostInfo) CheckSymbols() []string {
	if h == nil {
		return nil
	}
	var out []string
	for s := range h.checks {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// hostInfo returns the module's HostInfo, creating it on first use.
func (c *checker) hostInfo() *HostInfo {
	if c.info.Host == nil {
		c.info.Host = &HostInfo{refs: map[*Body]map[*syntax.Attribute]string{}, classes: map[string]*Class{}, checks: map[string]bool{}}
	}
	return c.info.Host
}

// Ref returns the host object that the attribute read e (in body b)
// statically refers to: the lowering takes the object's address.
func (h *HostInfo) Ref(b *Body, e *syntax.Attribute) (string, bool) {
	if h == nil {
		return "", false
	}
	id, ok := h.refs[b][e]
	return id, ok
}

func (h *HostInfo) setRef(b *Body, e *syntax.Attribute, id string) {
	m := h.refs[b]
	if m == nil {
		m = map[*syntax.Attribute]string{}
		h.refs[b] = m
	}
	m[e] = id
}

// hostBases are ARTIQ's environment base classes: a subclass is a host class.
var hostBases = map[string]bool{"EnvExperiment": true, "HasEnvironment": true, "Experiment": true}

// isHostBase reports whether a base class name is one of ARTIQ's
// environment classes (and not a class of the module).
func (c *checker) isHostBase(name string) bool {
	return hostBases[name] && c.scope[name] == nil
}

// markHostClass decides, from the class statement, whether cl is a host
// class. base is set when a base class is an ARTIQ environment class.
func (c *checker) markHostClass(cl *Class, d *syntax.ClassDef, base bool) {
	host := base || cl.Base != nil && cl.Base.Host != nil
	for _, s := range d.Body {
		switch s := s.(type) {
		case *syntax.FuncDef:
			if s.Name == "__init__" && !c.isKernelMethod(s) {
				host = true
			}
		case *syntax.Assign:
			for _, t := range s.Targets {
				if n, ok := t.(*syntax.Name); ok && n.Value == "kernel_invariants" {
					host = true
				}
			}
		case *syntax.AnnAssign:
			if isInvariantAnnotation(s.Annotation) {
				host = true
			}
		}
	}
	if !host && cl.Exception == "" && c.cfg.Host != nil {
		// Instances that host code made (`self.version = ProtoRev8()` in a
		// driver's constructor) make a class a host class even when its
		// statement says nothing of it.
		_, host = c.cfg.Host.Layout(cl.Symbol())
	}
	if host && cl.Exception == "" {
		cl.Host = &HostClass{}
		c.hostInfo()
	}
}

func isInvariantAnnotation(e syntax.Expr) bool {
	sub, ok := e.(*syntax.Subscript)
	if !ok {
		return false
	}
	n := dotted(sub.X)
	return n == "KernelInvariant" || n == "Kernel" || strings.HasSuffix(n, ".KernelInvariant") || strings.HasSuffix(n, ".Kernel")
}

// hostClass returns the class with a qualified name as the snapshot
// writes it: a class of this module, or a placeholder for another
// module's class (one per name, so that types compare by identity).
func (c *checker) hostClass(name string, at syntax.Pos) *Class {
	mod := hostobj.ClassModule(name)
	if mod == c.cfg.Module {
		for _, cl := range c.info.Classes {
			if cl.Symbol() == name {
				if cl.Host == nil {
					c.errorf(at, "the snapshot has instances of %s, but it is not a host class", name).Hint =
						"give it an __init__ that is host code (undecorated), or declare its kernel_invariants"
				}
				return cl
			}
		}
		c.errorf(at, "the snapshot names class %s, which module %s does not define", name, mod)
		return nil
	}
	h := c.hostInfo()
	if cl, ok := h.classes[name]; ok {
		return cl
	}
	cl := &Class{Name: name[len(mod)+1:], Module: mod, Host: &HostClass{Imported: true},
		consts: map[string]*Object{}, defs: map[string]*syntax.FuncDef{},
		hosts: map[string]*syntax.FuncDef{}, funcs: map[string]*Function{}}
	h.classes[name] = cl
	return cl
}

// hostType converts a snapshot type to a kernel type (nil when kernels
// cannot represent it).
func (c *checker) hostType(t snapshot.Type, at syntax.Pos) Type {
	switch t.Kind {
	case snapshot.KindNone:
		return TNone
	case snapshot.KindBool:
		return TBool
	case snapshot.KindInt32:
		return TInt32
	case snapshot.KindInt64:
		return TInt64
	case snapshot.KindFloat:
		return TFloat
	case snapshot.KindStr:
		return TStr
	case snapshot.KindList:
		if t.Elem == nil || t.Elem.Kind == snapshot.KindUnknown {
			return &List{Elem: TInt32}
		}
		if e := c.hostType(*t.Elem, at); e != nil {
			return &List{Elem: e}
		}
	case snapshot.KindTuple:
		var elems []Type
		for _, et := range t.Elems {
			e := c.hostType(et, at)
			if e == nil {
				return nil
			}
			elems = append(elems, e)
		}
		return &Tuple{Elems: elems}
	case snapshot.KindRef:
		if cl := c.hostClass(t.Class, at); cl != nil {
			return cl
		}
	}
	return nil
}

// hostLayout asks the source for a host class's attributes once and
// sets its fields. It reports whether the snapshot has instances.
func (c *checker) hostLayout(cl *Class, at syntax.Pos) bool {
	h := cl.Host
	if h.loaded {
		return h.known
	}
	h.loaded = true
	if c.cfg.Host == nil {
		return false
	}
	attrs, ok := c.cfg.Host.Layout(cl.Symbol())
	if !ok {
		return false
	}
	h.known = true
	h.attrs = map[string]hostobj.Attr{}
	for _, a := range attrs {
		h.attrs[a.Name] = a
	}
	fields := hostobj.Fields(attrs)
	c.hostInfo().checks[hostobj.LayoutSymbol(cl.Symbol(), fields)] = true
	for _, a := range fields {
		t := c.hostType(a.Type, at)
		if t == nil {
			t = TNone // unreachable: Fields keeps representable types only
		}
		cl.Fields = append(cl.Fields, &Field{Name: a.Name, Type: t})
	}
	if !h.Imported {
		h.Singleton, _ = c.cfg.Host.Singleton(cl.Symbol())
	}
	return true
}

// hostMethods compiles every kernel method of the module's host classes
// that have instances in the snapshot.
func (c *checker) hostMethods() {
	if c.cfg.Host == nil {
		return
	}
	var classes []*Class
	for _, cl := range c.info.Classes {
		if cl.Host != nil && !cl.Host.Imported && c.hostLayout(cl, cl.Def.NamePos) {
			classes = append(classes, cl)
		}
	}
	var methods []hostMethod
	for _, cl := range classes {
		seen := map[string]bool{}
		var names []string
		for k := cl; k != nil; k = k.Base {
			for n := range k.defs {
				if !seen[n] && k.hosts[n] == nil {
					seen[n] = true
					names = append(names, n)
				}
			}
			for n := range k.hosts {
				seen[n] = true // a host method hides a base's kernel method
			}
		}
		sort.Strings(names)
		for _, n := range names {
			methods = append(methods, hostMethod{cl, n})
		}
	}
	for _, m := range c.callersFirst(classes, methods) { // hostcode.go
		d, _ := m.cl.lookupMethod(m.name)
		if d == nil {
			continue
		}
		c.checkMethod(c.method(m.cl, m.name, d.NamePos))
	}
}

// hostMethod is one method of a host class (possibly inherited).
type hostMethod struct {
	cl   *Class
	name string
}

// staticObject returns the host object that e always evaluates to, or "".
func (c *checker) staticObject(e syntax.Expr) string {
	switch e := e.(type) {
	case *syntax.Name:
		obj := c.b.Uses[e]
		if obj == nil || obj.Kind != ObjLocal {
			return ""
		}
		for f := c.fn; f != nil; f = f.Outer {
			if f.Class == nil || f.Class.Host == nil || f.Class.Host.Singleton == "" || len(f.Params) == 0 || f.Params[0] != obj {
				continue
			}
			if selfAssigned(f) {
				return ""
			}
			return f.Class.Host.Singleton
		}
	case *syntax.Attribute:
		if id, ok := c.info.Host.Ref(c.b, e); ok {
			return id
		}
	}
	return ""
}

// selfAssigned reports whether a method assigns to its self parameter.
func selfAssigned(fn *Function) bool {
	if fn.Def == nil || len(fn.Def.Params) == 0 {
		return false
	}
	self := fn.Def.Params[0].Name
	found := false
	check := func(t syntax.Expr) {
		for _, n := range targetNames(t) {
			if n.Value == self {
				found = true
			}
		}
	}
	walkStmts(fn.Stmts, func(s syntax.Stmt) {
		switch s := s.(type) {
		case *syntax.Assign:
			for _, t := range s.Targets {
				check(t)
			}
		case *syntax.AugAssign:
			check(s.Target)
		case *syntax.AnnAssign:
			check(s.Target)
		case *syntax.For:
			check(s.Target)
		}
	})
	return found
}

// hostAttr types obj.name where obj is an instance of a host class.
func (c *checker) hostAttr(e *syntax.Attribute, cl *Class, store bool) Type {
	if c.cfg.Host == nil {
		c.errorf(e.NamePos, "%s is a host class: reading its attributes needs the module's snapshot slice", cl.Symbol()).Hint =
			"compile with --slice (kernel_binary(snapshot = ...) does), or run with kernelc run --snapshot"
		return nil
	}
	if id := c.staticObject(e.X); id != "" {
		a, err := c.cfg.Host.ObjectAttr(id, e.Name)
		if err != nil {
			c.errorf(e.NamePos, "%v", err)
			return nil
		}
		if store && a.Invariant {
			c.errorf(e.NamePos, "cannot assign to %s.%s: it is a kernel invariant", id, e.Name).Hint =
				"remove it from kernel_invariants to change it in kernels"
			return nil
		}
		if a.Folded && !store {
			return c.foldHostValue(e, id, a)
		}
	}
	if !c.hostLayout(cl, e.NamePos) {
		c.errorf(e.NamePos, "the snapshot has no instance of %s", cl.Symbol())
		return nil
	}
	a, ok := cl.Host.attrs[e.Name]
	if !ok {
		if k := cl.lookupConst(e.Name); k != nil && !store {
			c.b.Attrs[e] = k
			return k.Type
		}
		c.errorf(e.NamePos, "%s object has no attribute %q in the snapshot", cl.Symbol(), e.Name).Hint =
			"the host code (build(), __init__) must set it"
		return nil
	}
	if !hostobj.Representable(a.Type) {
		what := a.Type.String()
		if a.Type.Kind == snapshot.KindOpaque {
			what = "a host value that kernels cannot use (opaque)"
		}
		c.errorf(e.NamePos, "attribute %q of %s is %s", e.Name, cl.Symbol(), what).Hint =
			"kernels can use None, bool, int32, int64, float, str, host objects, and lists and tuples of them"
		return nil
	}
	if store && a.Invariant {
		c.errorf(e.NamePos, "cannot assign to %s.%s: it is a kernel invariant", cl.Symbol(), e.Name).Hint =
			"remove it from kernel_invariants to change it in kernels"
		return nil
	}
	i := cl.FieldIndex(e.Name)
	c.b.Fields[e] = &FieldRef{Class: cl, Index: i}
	if !store && Is(cl.Fields[i].Type, Int32) {
		// A host int has the width its use gives it, as in ARTIQ (whose
		// host ints are TInt with a free width): the int32 field widens
		// where the code needs an int64 (`t + self.gate_latency_mu`).
		return c.freshInt()
	}
	return cl.Fields[i].Type
}

// foldHostValue makes a folded invariant read a constant (or, for a
// reference, the statically known object).
func (c *checker) foldHostValue(e *syntax.Attribute, id string, a hostobj.Attr) Type {
	v := a.Value
	c.hostInfo().checks[hostobj.FoldSymbol(id, a.Name, v)] = true
	k := &Const{}
	switch v.Type.Kind {
	case snapshot.KindNone:
		k.Type = TNone
	case snapshot.KindBool:
		k.Type = TBool
		if v.Bool {
			k.Int = 1
		}
	case snapshot.KindInt32:
		// Like a field read (hostAttr): the width comes from the use.
		k.Type, k.Int = c.freshInt(), v.Int
	case snapshot.KindInt64:
		k.Type, k.Int = TInt64, v.Int
	case snapshot.KindFloat:
		k.Type, k.Float = TFloat, v.Float
	case snapshot.KindStr:
		k.Type, k.Str = TStr, v.Str
	case snapshot.KindRef:
		cl := c.hostClass(v.Type.Class, e.NamePos)
		if cl == nil {
			return nil
		}
		c.hostInfo().setRef(c.b, e, v.Ref)
		return cl
	default:
		c.errorf(e.NamePos, "internal error: cannot fold a %s", v.Type)
		return nil
	}
	c.b.Attrs[e] = &Object{Kind: ObjConst, Name: e.Name, Type: k.Type, Const: k}
	return k.Type
}

// importedMethod returns a method of another module's host class, from
// that module's interface.
func (c *checker) importedMethod(cl *Class, name string, at syntax.Pos) *Function {
	if fn, ok := cl.funcs[name]; ok {
		return fn
	}
	it := c.cfg.Imports[cl.Module]
	if it == nil {
		c.errorf(at, "cannot call %s.%s: the interface of kernel module %s is not available", cl.Symbol(), name, cl.Module).Hint =
			"add the kernel_library that provides " + cl.Module + " to deps (or pass --iface " + cl.Module + "=PATH)"
		return nil
	}
	var f *iface.Func
	for _, g := range it.Funcs {
		if g.Name == cl.Name+"."+name {
			f = g
		}
	}
	if f == nil {
		if b := it.LookupBroken(cl.Name + "." + name); b != nil {
			c.importedBroken(at, cl, name, b) // hostcode.go
			return nil
		}
	}
	if f == nil || len(f.Params) == 0 {
		c.errorf(at, "class %s has no kernel method %q", cl.Symbol(), name).Hint = "methods called from kernels must be decorated with @kernel"
		return nil
	}
	c.info.Imported[cl.Module] = true
	sig := &Func{Result: c.ifaceType(f.Result, at)}
	for i, p := range f.Params {
		var t Type = cl
		if i > 0 {
			t = c.ifaceType(p.Type, at)
		}
		prm := Param{Name: p.Name, Type: t, Free: p.Free}
		if p.Default != "" && t != nil {
			if v, err := parseConst(t, p.Default); err == nil {
				prm.Default = v
			}
		}
		sig.Params = append(sig.Params, prm)
	}
	fn := &Function{Name: cl.Name + "." + name, Module: cl.Module, Symbol: cl.Symbol() + "." + name,
		Sig: sig, Imported: true, Class: cl}
	cl.funcs[name] = fn
	return fn
}

// ifaceType parses a type of an interface file, where host classes are
// written by their qualified names.
func (c *checker) ifaceType(s string, at syntax.Pos) Type {
	s = strings.TrimSpace(s)
	if t := parseTypeName(s); t != nil {
		return t
	}
	if open := strings.IndexByte(s, '['); open > 0 && strings.HasSuffix(s, "]") {
		head, args := s[:open], splitTop(s[open+1:len(s)-1])
		switch head {
		case "list":
			if len(args) == 1 {
				if e := c.ifaceType(args[0], at); e != nil {
					return &List{Elem: e}
				}
			}
		case "tuple":
			var elems []Type
			for _, a := range args {
				e := c.ifaceType(a, at)
				if e == nil {
					return nil
				}
				elems = append(elems, e)
			}
			return &Tuple{Elems: elems}
		}
		return nil
	}
	if strings.Contains(s, ".") {
		if cl := c.hostClass(s, at); cl != nil {
			return cl
		}
		return nil
	}
	c.errorf(at, "internal error: cannot read type %q of an interface", s)
	return nil
}

var _ = fmt.Sprint
