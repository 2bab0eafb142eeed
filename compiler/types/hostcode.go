package types

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/rules-artiq/rules_artiq/compiler/diag"
	"github.com/rules-artiq/rules_artiq/compiler/iface"
	"github.com/rules-artiq/rules_artiq/compiler/syntax"
	"github.com/rules-artiq/rules_artiq/snapshot"
)

// Host code is not kernel code.
//
// A module that a lab writes for ARTIQ (a device driver, an experiment)
// mixes kernel code with host code: imports of host modules (logging,
// numpy beyond its scalars, anything that is not a kernel module),
// module-level values that are not constants (a logger, __all__), statements
// (if/try/for at module level), classes that are not kernel code, and the
// undecorated, @staticmethod or @host_only methods of classes. ARTIQ only
// compiles what its kernels reach; so does this checker:
//
//   - Such names are bound lazily: an import that finds no kernel module
//     binds its names to placeholders (ObjModule or ObjHostValue with a
//     HostName), a module-level value that is not a constant and the names
//     that host statements bind become ObjHostValue. Nothing is reported
//     until a kernel uses one; then the diagnostic names the kernel and the
//     host-only thing (and, for a missing module, keeps the "cannot find
//     kernel module" error and its hint).
//   - The kernel methods of a host class (a driver) are compiled whether or
//     not a kernel of this module calls them (design.md, "Host objects"),
//     so their errors are deferred: a method with an error, or one that
//     reaches host code, is *broken*. It is not lowered; the interface
//     records it (iface.Broken) with the cause and the call chain, so that
//     the kernel that reaches it, in this module or another, gets the error:
//     `kernel Rabi.run calls TTLOut.set_config (via TTLOut.pulse), which is
//     host code`. The methods of the experiment's own class (the snapshot's
//     singleton) and module-level kernel functions are checked as before:
//     their errors are errors of the module.
//
// Errors are routed by the function being checked (checker.fn): those of a
// deferrable function (and of its closures and of the generic
// instantiations it creates) are captured on it instead of reported.

// ObjHostValue is the kind of a module-level name that is host code: a
// value that is not a constant, a name bound by a host statement, a name
// imported from a module that is not a kernel module, a class that is not
// kernel code. (A value of its own, apart from objects.go's sequence.)
const ObjHostValue ObjKind = 100

// HostName describes a module-level name that is host code.
type HostName struct {
	What string // for ObjHostValue: what it is, after "host code"
	Hint string
	// Missing is the module that an import found no kernel module for;
	// Pos is the import.
	Missing string
	Pos     syntax.Pos
}

// BrokenFunc is a kernel function that cannot be compiled, and why.
type BrokenFunc struct {
	Fn     *Function
	Reason *iface.Broken
	// First is the first diagnostic found in the function itself (nil
	// when it is broken only by what it calls).
	First *diag.Diagnostic
}

type hostCode struct {
	deferrable map[*Function]bool
	captured   map[*Function]*capture
	broken     map[*Function]*iface.Broken
	reported   map[*syntax.Call]bool
	dropped    []*Function // broken functions taken out of the module's
	// starMissing are the modules of `from M import *` that are not
	// kernel modules: their names are unknown.
	starMissing []string
}

// capture collects what a deferrable function's checking found.
type capture struct {
	errs   diag.List
	reason *iface.Broken // the first host reach or broken callee, or nil
}

func (c *checker) hc() *hostCode {
	if c.hcode == nil {
		c.hcode = &hostCode{
			deferrable: map[*Function]bool{},
			captured:   map[*Function]*capture{},
			broken:     map[*Function]*iface.Broken{},
			reported:   map[*syntax.Call]bool{},
		}
	}
	return c.hcode
}

// ownerOf is the function whose errors fn's are: its outermost enclosing
// function (closures belong to the function that defines them).
func ownerOf(fn *Function) *Function {
	for fn != nil && fn.Outer != nil {
		fn = fn.Outer
	}
	return fn
}

// markDeferrable decides whether a method's errors are deferred: methods of
// the module's host classes, except those of the entry object's class.
func (c *checker) markDeferrable(fn *Function, at syntax.Pos) {
	cl := fn.Class
	if cl == nil || cl.Host == nil || cl.Host.Imported {
		return
	}
	c.hostLayout(cl, at)
	if cl.Host.Singleton == "" {
		c.hc().deferrable[fn] = true
	}
}

// inheritDeferrable makes a generic instantiation deferrable when the
// function that creates it is.
func (c *checker) inheritDeferrable(inst *Function, creator *Function) {
	if top := ownerOf(creator); top != nil && c.hc().deferrable[top] {
		c.hc().deferrable[inst] = true
	}
}

// capturing returns the capture of the function being checked when its
// errors are deferred, or nil.
func (c *checker) capturing() *capture {
	if c.fn == nil || c.hcode == nil {
		return nil
	}
	top := ownerOf(c.fn)
	if !c.hcode.deferrable[top] {
		return nil
	}
	cp := c.hcode.captured[top]
	if cp == nil {
		cp = &capture{}
		c.hcode.captured[top] = cp
	}
	return cp
}

// subject names a kernel in diagnostics.
func subject(fn *Function) string {
	if fn == nil || fn.Def == nil {
		return "the top-level kernel code"
	}
	return "kernel " + fn.Name
}

func viaText(via []string) string {
	if len(via) == 0 {
		return ""
	}
	return " (via " + strings.Join(via, ", ") + ")"
}

// brokenMessage is the error of a kernel that reaches a broken function
// through chain (chain[0] is the function it calls).
func brokenMessage(kernel *Function, chain []string, b *iface.Broken) (msg, hint string) {
	if b.Host != nil && len(chain) == 1 && len(b.Via) == 0 && chain[0] == b.Host.Thing {
		chain = nil // the host method itself
	}
	if b.Host != nil {
		return fmt.Sprintf("%s %s %s%s, which is %s", subject(kernel), b.Host.Verb, b.Host.Thing,
			viaText(append(append([]string(nil), chain...), b.Via...)), b.Host.What), b.Host.Hint
	}
	fault := b.Fault
	path := append(append([]string(nil), chain...), b.Via...)
	if fault == "" {
		fault, path = path[len(path)-1], path[:len(path)-1]
	}
	return fmt.Sprintf("%s calls %s%s, which cannot be compiled: %s", subject(kernel), fault, viaText(path), b.Error),
		"kernel methods of drivers are checked when a kernel calls them; fix the error in " + fault
}

// derive is the reason of a function that calls callee, broken by b.
func derive(callee string, b *iface.Broken) *iface.Broken {
	if b.Host != nil {
		return &iface.Broken{Host: b.Host, Via: append([]string{callee}, b.Via...)}
	}
	if b.Fault == "" {
		return &iface.Broken{Error: b.Error, Fault: callee}
	}
	return &iface.Broken{Error: b.Error, Fault: b.Fault, Via: append([]string{callee}, b.Via...)}
}

// hostReach reports that the kernel being checked reaches host code at pos.
func (c *checker) hostReach(pos syntax.Pos, r *iface.HostReach) {
	c.reachBroken(pos, nil, &iface.Broken{Host: r})
}

// reachBroken reports that the kernel being checked calls (through chain)
// something broken for reason b: an error of a strict kernel, or the
// deferred reason of a deferrable one.
func (c *checker) reachBroken(pos syntax.Pos, chain []string, b *iface.Broken) {
	top := ownerOf(c.fn)
	if cp := c.capturing(); cp != nil {
		if cp.reason == nil {
			cp.reason = b
			if len(chain) > 0 {
				cp.reason = derive(chain[0], b)
			}
		}
		msg, _ := brokenMessage(top, chain, b)
		cp.errs.Add(c.file, pos, "%s", msg)
		return
	}
	msg, hint := brokenMessage(top, chain, b)
	c.errs.Add(c.file, pos, "%s", msg).Hint = hint
}

// useHostName reports a kernel's use of a name bound to host code.
func (c *checker) useHostName(pos syntax.Pos, name string, obj *Object) {
	h := obj.HostName
	if h == nil {
		return
	}
	if h.Missing != "" {
		c.missingModule(pos, h.Missing, h.Pos)
		return
	}
	c.hostReach(pos, &iface.HostReach{Verb: "uses", Thing: name, What: "host code (" + h.What + ")", Hint: h.Hint})
}

// missingModule is the error of a kernel's use of an import that found no
// kernel module.
func (c *checker) missingModule(pos syntax.Pos, module string, imported syntax.Pos) {
	d := c.errorf(pos, "cannot find kernel module %q", module)
	d.Hint = "add the kernel_library that provides it to deps (or pass --iface " + module + "=PATH)"
	if imported.IsKnown() && imported.Line != pos.Line {
		d.Hint += fmt.Sprintf("; it is imported at line %d", imported.Line)
	}
}

// bindHostName binds a module-level name to host code, unless a kernel
// definition has it already.
func (c *checker) bindHostName(name string, pos syntax.Pos, h *HostName) {
	if prev, ok := c.scope[name]; ok && prev.Kind != ObjHostValue && prev.HostName == nil {
		return
	}
	c.scope[name] = &Object{Kind: ObjHostValue, Name: name, Pos: pos, HostName: h}
}

// skipHostStatement records the names that a module-level statement of a
// kernel library binds when it is host code (if, for, try, with, ...).
func (c *checker) skipHostStatement(s syntax.Stmt) {
	what := "a name bound by a module-level statement that is not kernel code"
	hint := "kernels can use module constants (numbers, bools, strings, None), kernel functions and classes"
	var names []*syntax.Name
	var visit func(ss []syntax.Stmt)
	visit = func(ss []syntax.Stmt) {
		for _, s := range ss {
			switch s := s.(type) {
			case *syntax.Assign:
				for _, t := range s.Targets {
					names = append(names, targetNames(t)...)
				}
			case *syntax.AnnAssign:
				names = append(names, targetNames(s.Target)...)
			case *syntax.AugAssign:
				names = append(names, targetNames(s.Target)...)
			case *syntax.For:
				names = append(names, targetNames(s.Target)...)
				visit(s.Body)
				visit(s.Else)
			case *syntax.If:
				visit(s.Body)
				visit(s.Else)
			case *syntax.While:
				visit(s.Body)
				visit(s.Else)
			case *syntax.With:
				for _, it := range s.Items {
					if it.Target != nil {
						names = append(names, targetNames(it.Target)...)
					}
				}
				visit(s.Body)
			case *syntax.Try:
				visit(s.Body)
				for _, h := range s.Handlers {
					visit(h.Body)
				}
				visit(s.Else)
				visit(s.Finally)
			case *syntax.FuncDef:
				n := &syntax.Name{Value: s.Name}
				n.P = s.NamePos
				names = append(names, n)
			case *syntax.ClassDef:
				n := &syntax.Name{Value: s.Name}
				n.P = s.NamePos
				names = append(names, n)
			case *syntax.Import:
				for _, a := range s.Names {
					name := a.AsName
					if name == "" {
						name, _, _ = strings.Cut(a.Name, ".")
					}
					n := &syntax.Name{Value: name}
					n.P = a.P
					names = append(names, n)
				}
			case *syntax.ImportFrom:
				for _, a := range s.Names {
					name := a.Name
					if a.AsName != "" {
						name = a.AsName
					}
					n := &syntax.Name{Value: name}
					n.P = a.P
					names = append(names, n)
				}
			}
		}
	}
	visit([]syntax.Stmt{s})
	for _, n := range names {
		c.bindHostName(n.Value, n.Pos(), &HostName{What: what, Hint: hint})
	}
}

// settleBroken finds the broken functions (own errors, host reaches, calls
// of broken functions), reports the calls of broken functions from strict
// kernels, and takes the broken functions out of the module's functions.
func (c *checker) settleBroken() {
	c.checkRemaining()
	if c.hcode == nil {
		return
	}
	hc := c.hcode
	owned := map[*Function][]*Function{} // owner -> functions whose calls are its own
	var owners []*Function
	for _, fn := range c.info.Funcs {
		top := ownerOf(fn)
		if _, ok := owned[top]; !ok {
			owners = append(owners, top)
		}
		owned[top] = append(owned[top], fn)
	}
	for _, fn := range owners {
		if hc.broken[fn] != nil {
			continue
		}
		cp := hc.captured[fn]
		switch {
		case cp == nil:
		case cp.reason != nil:
			hc.broken[fn] = cp.reason
		case len(cp.errs) > 0:
			hc.broken[fn] = &iface.Broken{Error: cp.errs[0].Msg}
		}
	}
	calls := func(owner *Function) []*syntax.Call {
		var out []*syntax.Call
		for _, fn := range owned[owner] {
			if fn.Body == nil {
				continue
			}
			for e := range fn.Body.Calls {
				out = append(out, e)
			}
		}
		sortCalls(out)
		return out
	}
	callee := func(owner *Function, e *syntax.Call) *Function {
		for _, fn := range owned[owner] {
			if fn.Body == nil {
				continue
			}
			if ci, ok := fn.Body.Calls[e]; ok && ci.Callee != nil && ci.Callee.Func != nil {
				return ci.Callee.Func
			}
		}
		return nil
	}
	// Brokenness spreads to the deferrable functions that call a broken one.
	for changed := true; changed; {
		changed = false
		for _, fn := range owners {
			if !hc.deferrable[fn] || hc.broken[fn] != nil {
				continue
			}
			for _, e := range calls(fn) {
				if g := callee(fn, e); g != nil && g != fn && hc.broken[g] != nil {
					hc.broken[fn] = derive(g.Name, hc.broken[g])
					changed = true
					break
				}
			}
		}
	}
	// A strict kernel that calls a broken function is an error.
	for _, fn := range owners {
		if hc.deferrable[fn] || hc.broken[fn] != nil {
			continue
		}
		for _, e := range calls(fn) {
			g := callee(fn, e)
			if g == nil || hc.broken[g] == nil || hc.reported[e] {
				continue
			}
			hc.reported[e] = true
			msg, hint := brokenMessage(fn, []string{g.Name}, hc.broken[g])
			pos := e.Pos()
			if a, ok := e.Fun.(*syntax.Attribute); ok {
				pos = a.NamePos
			}
			c.errs.Add(c.file, pos, "%s", msg).Hint = hint
		}
	}
	all := append([]*Function(nil), c.info.Funcs...)
	keep := c.info.Funcs[:0]
	for _, fn := range c.info.Funcs {
		top := ownerOf(fn)
		b := hc.broken[top]
		if b == nil {
			keep = append(keep, fn)
			continue
		}
		if fn == top && fn.Def != nil && !fn.Private && fn.Class != nil {
			r := *b
			r.Name = fn.Name
			bf := &BrokenFunc{Fn: fn, Reason: &r}
			if cp := hc.captured[fn]; cp != nil && len(cp.errs) > 0 {
				bf.First = cp.errs[0]
			}
			c.info.Broken = append(c.info.Broken, bf)
		}
	}
	c.info.Funcs = keep
	for _, fn := range all {
		if hc.broken[ownerOf(fn)] != nil {
			hc.dropped = append(hc.dropped, fn)
		}
	}
	sort.SliceStable(c.info.Broken, func(i, j int) bool { return c.info.Broken[i].Reason.Name < c.info.Broken[j].Reason.Name })
}

// importedBroken reports a call of a broken method of another module's
// host class (from its interface).
func (c *checker) importedBroken(pos syntax.Pos, cl *Class, name string, b *iface.Broken) {
	c.reachBroken(pos, []string{cl.Name + "." + name}, b)
}

// fnOfBody returns the function whose body b is (also a broken one).
func (c *checker) fnOfBody(b *Body) *Function {
	for _, fn := range c.info.Funcs {
		if fn.Body == b {
			return fn
		}
	}
	if c.hcode != nil {
		for _, fn := range c.hcode.dropped {
			if fn.Body == b {
				return fn
			}
		}
	}
	return nil
}

// undefined reports a name that nothing defines; when the module
// star-imports modules that are not kernel modules, it may come from one.
func (c *checker) undefined(pos syntax.Pos, name string) {
	d := c.errorf(pos, "name %q is not defined", name)
	if c.hcode != nil && len(c.hcode.starMissing) > 0 {
		d.Hint = "it may come from `from " + c.hcode.starMissing[0] + " import *`, which is not a kernel module: kernels cannot use its names"
	}
}

// hostOnlyClass reports (and binds as host code) a class of a library
// that cannot be kernel code because of its bases: a base that is not a
// kernel class of the module, an ARTIQ environment class or a built-in
// exception, or more than one kernel base.
func (c *checker) hostOnlyClass(d *syntax.ClassDef) bool {
	kernelBases := 0
	for _, b := range d.Bases {
		n, ok := b.(*syntax.Name)
		why := ""
		switch {
		case !ok:
			why = "its base " + dotted(b) + " is not a kernel class"
			if dotted(b) == "" {
				why = "a base is not a class name"
			}
		case n.Value == "object", c.isHostBase(n.Value), builtinExceptions[n.Value] && c.scope[n.Value] == nil:
		default:
			if obj := c.scope[n.Value]; obj == nil || obj.Class == nil {
				why = "its base " + n.Value + " is not a kernel class"
			} else if kernelBases++; kernelBases > 1 {
				why = "it has more than one base (multiple inheritance is not supported in kernels)"
			}
		}
		if why != "" {
			c.bindHostName(d.Name, d.NamePos, &HostName{What: "a class that is not kernel code: " + why,
				Hint: "kernel classes derive from object, another kernel class of the module, or an exception"})
			return true
		}
	}
	return false
}

// callersFirst orders the methods of the module's host classes so that
// those that no other method calls come first: checking them checks their
// callees with the arguments bound, so that unannotated parameters get the
// callers' types (as ARTIQ's whole-program inference gives them). A call
// counts when its receiver is self (`self.m()`) or an attribute of self
// whose snapshot type is a host class of the module (`self.version.m(self)`
// calls the method of the class that `version` refers to). The order is
// otherwise the classes' order and the names' order.
func (c *checker) callersFirst(classes []*Class, methods []hostMethod) []hostMethod {
	bySymbol := map[string]*Class{}
	for _, cl := range classes {
		bySymbol[cl.Symbol()] = cl
	}
	called := map[hostMethod]bool{}
	for _, m := range methods {
		d, _ := m.cl.lookupMethod(m.name)
		if d == nil || len(d.Params) == 0 {
			continue
		}
		self := d.Params[0].Name
		inspect(d.Body, func(x interface{}) {
			call, ok := x.(*syntax.Call)
			if !ok {
				return
			}
			a, ok := call.Fun.(*syntax.Attribute)
			if !ok {
				return
			}
			switch r := a.X.(type) {
			case *syntax.Name:
				if r.Value == self && a.Name != m.name {
					called[hostMethod{m.cl, a.Name}] = true
				}
			case *syntax.Attribute:
				if n, ok := r.X.(*syntax.Name); ok && n.Value == self && m.cl.Host != nil {
					if at, ok := m.cl.Host.attrs[r.Name]; ok && at.Type.Kind == snapshot.KindRef {
						if target := bySymbol[at.Type.Class]; target != nil {
							called[hostMethod{target, a.Name}] = true
						}
					}
				}
			}
		})
	}
	var first, rest []hostMethod
	for _, m := range methods {
		if called[m] {
			rest = append(rest, m)
		} else {
			first = append(first, m)
		}
	}
	return append(first, rest...)
}

// checkRemaining checks the bodies of the methods that were declared but
// not checked (a call that failed before its arguments were bound).
func (c *checker) checkRemaining() {
	for i := 0; i < len(c.info.Funcs); i++ {
		if fn := c.info.Funcs[i]; fn.Body == nil && fn.Def != nil && !fn.Imported && fn.Class != nil {
			c.checkMethod(fn)
		}
	}
}

// inspect calls f for every node reachable from x (syntax trees are
// pointers to structs, slices and interfaces of them).
func inspect(x interface{}, f func(interface{})) {
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Ptr:
			if v.IsNil() {
				return
			}
			if v.Elem().Kind() == reflect.Struct {
				f(v.Interface())
			}
			walk(v.Elem())
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				if v.Type().Field(i).IsExported() {
					walk(v.Field(i))
				}
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i))
			}
		}
	}
	walk(reflect.ValueOf(x))
}

// isHostNameUse reports whether e is a name bound to host code (whose use
// has been reported: what follows from it would be a cascade).
func (c *checker) isHostNameUse(e syntax.Expr) bool {
	n, ok := e.(*syntax.Name)
	if !ok {
		return false
	}
	obj := c.b.Uses[n]
	return obj != nil && obj.HostName != nil
}

// unsupportedBody reports, for a definition whose body lost a statement
// to a construct kernels cannot use, that construct's error (once per
// definition; deferred like the function's other errors), and says
// whether the body must not be checked.
func (c *checker) unsupportedBody(fn *Function) bool {
	if fn.Def == nil || c.cfg.Unsupported == nil {
		return false
	}
	d, ok := c.cfg.Unsupported[fn.Def]
	if !ok {
		return false
	}
	e := c.errorf(d.Pos, "%s", d.Msg)
	e.Hint = d.Hint
	return true
}
