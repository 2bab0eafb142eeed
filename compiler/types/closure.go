package types

import (
	"fmt"

	"github.com/rules-artiq/rules_artiq/compiler/syntax"
)

// Nested functions and lambdas are closures: they see the variables of the
// functions around them by reference, as Python's do. A variable that an
// inner function uses is Captured: it lives in a cell in the kernel heap,
// and the closure's environment holds a pointer to that cell. Function
// values (closures, and module functions used as values) are called
// through {code, environment} pairs.

// outerFrame is the checker state of an enclosing function.
type outerFrame struct {
	fn        *Function
	locals    map[string]*Object
	globals   map[string]bool
	nonlocals map[string]bool
}

// lookupOuter resolves a free name of a nested function in the functions
// around it, recording the capture on every function in between.
func (c *checker) lookupOuter(name string) *Object {
	for i := len(c.outers) - 1; i >= 0; i-- {
		f := c.outers[i]
		if f.globals[name] {
			return nil
		}
		obj, ok := f.locals[name]
		if !ok {
			continue
		}
		obj.Captured = true
		// Every function from the one inside the owner to the current
		// one needs the cell in its environment.
		for j := i + 1; j < len(c.outers); j++ {
			c.outers[j].fn.addFree(obj)
		}
		c.fn.addFree(obj)
		return obj
	}
	return nil
}

func (fn *Function) addFree(obj *Object) {
	for _, o := range fn.Free {
		if o == obj {
			return
		}
	}
	fn.Free = append(fn.Free, obj)
}

// nestedFunc checks `def g(...)` inside a function body: g becomes a local
// holding a closure.
func (c *checker) nestedFunc(d *syntax.FuncDef) {
	for _, dec := range d.Decorators {
		if n := decoratorName(dec); n != "kernel" && n != "portable" {
			c.errorf(dec.Pos(), "decorator %q is not supported on nested functions", n)
		}
	}
	sig := c.signature(d, false)
	fn := &Function{
		Name:    c.fn.Name + ".<locals>." + d.Name,
		Module:  c.cfg.Module,
		Def:     d,
		Stmts:   d.Body,
		Sig:     sig,
		Private: true,
		Outer:   c.fn,
	}
	fn.Symbol = c.cfg.Module + "." + fn.Name
	// The name is bound before the body is checked, so that the function
	// can call itself.
	target := &syntax.Name{Value: d.Name}
	target.P = d.NamePos
	c.b.Closures[d] = fn
	c.assign(target, sig, nil)
	c.b.DefTargets[d] = target
	c.checkNested(fn)
}

// lambda checks `lambda params: body` as a closure returning body.
func (c *checker) lambda(e *syntax.Lambda) Type {
	sig := &Func{}
	for _, p := range e.Params {
		if p.Kind != syntax.ParamNormal && p.Kind != syntax.ParamKwOnly {
			c.errorf(p.P, "lambda parameters with *args or **kwargs are not supported in kernels")
		}
		prm := Param{Name: p.Name, Type: c.fresh(), KwOnly: p.Kind == syntax.ParamKwOnly}
		if p.Default != nil {
			prm.Default, prm.badDefault = c.defaultValue(p.Default, prm.Type)
		}
		sig.Params = append(sig.Params, prm)
	}
	sig.Result = c.fresh()
	ret := &syntax.Return{Value: e.Body}
	ret.P = e.Body.Pos()
	def := &syntax.FuncDef{Name: "<lambda>", NamePos: e.Pos(), Params: e.Params, Body: []syntax.Stmt{ret}}
	def.P = e.Pos()
	owner := "<toplevel>"
	if c.fn != nil {
		owner = c.fn.Name
	}
	fn := &Function{
		Name:    fmt.Sprintf("%s.<lambda@%d:%d>", owner, e.Pos().Line, e.Pos().Col),
		Module:  c.cfg.Module,
		Def:     def,
		Stmts:   def.Body,
		Sig:     sig,
		Private: true,
		Outer:   c.fn,
	}
	fn.Symbol = c.cfg.Module + "." + fn.Name
	c.checkNested(fn)
	c.b.Lambdas[e] = fn
	return sig
}

// checkNested checks a closure's body with the current function as its
// enclosing scope.
func (c *checker) checkNested(fn *Function) {
	c.info.Funcs = append(c.info.Funcs, fn)
	saved := c.save()
	frame := outerFrame{fn: c.fn, locals: c.locals, globals: c.globals, nonlocals: c.nonlocals}
	// Comprehension variables of the enclosing expression are visible too.
	for _, scope := range c.comps {
		for k, v := range scope {
			if frame.locals[k] == nil {
				merged := map[string]*Object{}
				for a, b := range frame.locals {
					merged[a] = b
				}
				merged[k] = v
				frame.locals = merged
			}
		}
	}
	prev := c.outers
	c.outers = append(prev[:len(prev):len(prev)], frame)
	c.comps = nil
	c.checkFunc(fn)
	c.outers = prev
	c.restore(saved)
}

// callValue types a call through a function value (a closure or a
// function used as a value): positional arguments only.
func (c *checker) callValue(e *syntax.Call, ft *Func) Type {
	name := "the function value"
	if n, ok := e.Fun.(*syntax.Name); ok {
		name = n.Value
	}
	r := c.callSig(e, &Object{Kind: ObjLocal, Name: name, Type: ft}, ft)
	c.b.Calls[e].Indirect = true
	return r
}
