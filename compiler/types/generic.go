package types

import (
	"fmt"
	"strings"

	"github.com/rules-artiq/rules_artiq/compiler/syntax"
)

// A generic function is a module-private or standalone function with
// unannotated parameters. It is checked and compiled once per distinct
// list of argument types it is called with (its instantiations), named
// after those types: m.f<int32,float>. Exported functions instead get
// the one monomorphic signature inference finds, which their interface
// records (NAC3's rule at module boundaries).
type generic struct {
	def   *syntax.FuncDef
	insts map[string]*Function
	// checking is the value instantiation whose body is being checked: a
	// use of the function as a value inside it (recursion) is that
	// instantiation, not a new one.
	checking *Function
}

func isGeneric(d *syntax.FuncDef) bool {
	for _, p := range d.Params {
		if p.Annotation == nil {
			return true
		}
	}
	return false
}

// checkerState is the per-function state saved around the checking of an
// instantiation that a call site triggers.
type checkerState struct {
	fn                         *Function
	b                          *Body
	locals                     map[string]*Object
	globals                    map[string]bool
	loops, handlers, finallies int
	comps                      []map[string]*Object
}

func (c *checker) save() checkerState {
	return checkerState{c.fn, c.b, c.locals, c.globals, c.loops, c.handlers, c.finallies, c.comps}
}

func (c *checker) restore(s checkerState) {
	c.fn, c.b, c.locals, c.globals, c.loops, c.handlers, c.finallies, c.comps =
		s.fn, s.b, s.locals, s.globals, s.loops, s.handlers, s.finallies, s.comps
}

// callGeneric binds the call's arguments, derives the instantiation's
// parameter types from them, and checks the instantiation if it is new.
func (c *checker) callGeneric(e *syntax.Call, obj *Object) Type {
	g := obj.generic
	d := g.def
	ci := &CallInfo{Args: make([]syntax.Expr, len(d.Params)), Defaults: make([]*Const, len(d.Params))}
	c.b.Calls[e] = ci
	positional := 0
	for positional < len(d.Params) && d.Params[positional].Kind == syntax.ParamNormal {
		positional++
	}
	for _, p := range d.Params {
		if p.Kind == syntax.ParamVarArgs || p.Kind == syntax.ParamVarKw {
			c.errorf(p.P, "*args and **kwargs parameters are not supported in kernels")
			c.exprs(e)
			return nil
		}
	}
	if len(e.Args) > positional {
		kind := ""
		if positional < len(d.Params) {
			kind = "positional "
		}
		c.errorf(e.Args[positional].Pos(), "%s() takes %d %sargument%s but %d were given", d.Name, positional, kind, plural(positional), len(e.Args))
		c.exprs(e)
		return nil
	}
	copy(ci.Args, e.Args)
	for _, kw := range e.Keywords {
		idx := -1
		for i, p := range d.Params {
			if p.Name == kw.Name {
				idx = i
			}
		}
		switch {
		case idx < 0:
			c.errorf(kw.P, "%s() got an unexpected keyword argument %q", d.Name, kw.Name)
			c.exprs(e)
			return nil
		case ci.Args[idx] != nil:
			c.errorf(kw.P, "%s() got multiple values for argument %q", d.Name, kw.Name)
			c.exprs(e)
			return nil
		}
		ci.Args[idx] = kw.Value
	}
	sig := &Func{Result: nil}
	var key []string
	// An argument that is a generic function's value (valueGeneric) has
	// types that this instantiation's body decides: the instantiation is
	// then this call's own.
	ownInst := false
	for i, p := range d.Params {
		var t Type
		if p.Annotation != nil {
			t = c.annotation(p.Annotation)
		}
		prm := Param{Name: p.Name, KwOnly: p.Kind == syntax.ParamKwOnly}
		if a := ci.Args[i]; a != nil {
			at := c.expr(a)
			if t == nil {
				if IsInt(at) {
					unify(at, Final(at)) // an integer literal argument is an int32
				}
				if _, isFunc := Resolve(at).(*Func); isFunc && !IsConcrete(at) {
					t, ownInst = at, true
				} else {
					t = Final(at)
				}
			} else {
				c.expect(a, at, t)
			}
		} else if p.Default != nil {
			if t == nil {
				t = c.fresh()
			}
			prm.Default, prm.badDefault = c.defaultValue(p.Default, t)
			ci.Defaults[i] = prm.Default
			t = Final(t)
		} else {
			c.errorf(e.Pos(), "%s() missing required argument %q", d.Name, p.Name)
			return nil
		}
		if !IsConcrete(t) && !ownInst {
			c.errorf(e.Pos(), "cannot infer the type of argument %q of %s here; annotate the parameter", p.Name, d.Name)
			return nil
		}
		prm.Type = t
		sig.Params = append(sig.Params, prm)
		key = append(key, t.String())
	}
	k := strings.Join(key, ",")
	if ownInst {
		k = g.uniqueKey(fmt.Sprintf("call@%d:%d", e.P.Line, e.P.Col))
	}
	inst, ok := g.insts[k]
	if !ok {
		if d.Returns != nil {
			sig.Result = c.annotation(d.Returns)
		} else {
			sig.Result = c.fresh()
		}
		inst = &Function{
			Name:    d.Name,
			Module:  c.cfg.Module,
			Symbol:  c.cfg.Module + "." + d.Name + "<" + k + ">",
			Def:     d,
			Stmts:   d.Body,
			Sig:     sig,
			Private: true,
		}
		g.insts[k] = inst
		c.info.Funcs = append(c.info.Funcs, inst)
		c.inheritDeferrable(inst, c.fn) // hostcode.go
		saved, outers := c.save(), c.outers
		c.outers = nil
		c.checkFunc(inst)
		c.outers = outers
		c.restore(saved)
	}
	ci.Callee = &Object{Kind: ObjFunc, Name: d.Name, Type: inst.Sig, Func: inst}
	return inst.Sig.Result
}

// valueGeneric types a generic function used as a value (fs = [inc, dbl],
// apply(inc, 3)): the use gets an instantiation of its own whose parameter
// types are inferred from how the value is used, as an exported
// function's are, and which is named after the use's position.
func (c *checker) valueGeneric(e *syntax.Name, obj *Object) Type {
	d := obj.generic.def
	if inst := obj.generic.checking; inst != nil {
		c.b.Uses[e] = &Object{Kind: ObjFunc, Name: d.Name, Pos: obj.Pos, Type: inst.Sig, Func: inst}
		return inst.Sig
	}
	sig := &Func{}
	for _, p := range d.Params {
		if p.Kind == syntax.ParamVarArgs || p.Kind == syntax.ParamVarKw {
			c.errorf(p.P, "*args and **kwargs parameters are not supported in kernels")
			return nil
		}
		var t Type
		if p.Annotation != nil {
			t = c.annotation(p.Annotation)
		} else {
			t = c.fresh()
		}
		prm := Param{Name: p.Name, Type: t, KwOnly: p.Kind == syntax.ParamKwOnly}
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
	k := obj.generic.uniqueKey(fmt.Sprintf("value@%d:%d", e.P.Line, e.P.Col))
	inst := &Function{
		Name:    d.Name,
		Module:  c.cfg.Module,
		Symbol:  c.cfg.Module + "." + d.Name + "<" + k + ">",
		Def:     d,
		Stmts:   d.Body,
		Sig:     sig,
		Private: true,
		Value:   true,
	}
	obj.generic.insts[k] = inst
	c.info.Funcs = append(c.info.Funcs, inst)
	c.inheritDeferrable(inst, c.fn) // hostcode.go
	saved, outers := c.save(), c.outers
	c.outers = nil
	obj.generic.checking = inst
	c.checkFunc(inst)
	obj.generic.checking = nil
	c.outers = outers
	c.restore(saved)
	c.b.Uses[e] = &Object{Kind: ObjFunc, Name: d.Name, Pos: obj.Pos, Type: sig, Func: inst}
	return sig
}

// uniqueKey names a new instantiation made at a source position: the code
// around the position may itself be checked more than once (in several
// instantiations of its function), and each check makes its own.
func (g *generic) uniqueKey(at string) string {
	k := at
	for n := 2; g.insts[k] != nil; n++ {
		k = fmt.Sprintf("%s#%d", at, n)
	}
	return k
}
