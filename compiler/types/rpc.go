package types

import (
	"fmt"
	"strings"

	"github.com/rules-artiq/rules_artiq/compiler/iface"
	"github.com/rules-artiq/rules_artiq/compiler/syntax"
)

// RPCs
//
// A kernel's call of a host function (one that is not kernel code: @rpc,
// or undecorated in a kernel library) is a remote procedure call with
// ARTIQ's tag encoding (BRIEF 4a). The checker binds the arguments against
// the host function's definition and types them; the return type is the
// function's return annotation (None without one, and always None for
// @rpc(flags={"async"})). Parameter annotations, where present, are the
// types the arguments are converted to; unannotated parameters take the
// argument's own type, so each call site has its own tag, as in ARTIQ.
// Defaults are not sent: the host applies its own.
//
// The service number is not known when a module is compiled (Bazel caches
// each module's object on its own): every call site loads it from a hidden
// i32 global named RPCSymbolPrefix + "module.function" (or
// RPCAsyncSymbolPrefix + ... for async functions) that the object leaves
// undefined; the linker numbers the services 1..N in symbol order, defines
// the globals and writes the table for the host.

// RPCSymbolPrefix and RPCAsyncSymbolPrefix start the names of the hidden
// globals that hold service numbers.
const (
	RPCSymbolPrefix      = "__rpc."
	RPCAsyncSymbolPrefix = "__rpc_async."
	// Method RPCs (a host object's method, the object sent first) are
	// __rpcm.module.Class.method: the host calls the method of the object
	// it receives, as Python would.
	RPCMethodSymbolPrefix      = "__rpcm."
	RPCMethodAsyncSymbolPrefix = "__rpcm_async."
)

// RPCInfo is a resolved remote procedure call from a kernel to a host
// function or to a method of a host object.
type RPCInfo struct {
	// Function is the host function's qualified name (module.function),
	// or for a method RPC the receiver's class and the method's name
	// (module.Class.method).
	Function string
	Async    bool
	// Recv is the receiver of a method RPC: a host object, sent first
	// with tag 'O' (ARTIQ sends the object as its id); nil for function
	// RPCs and static methods.
	Recv syntax.Expr
	// Symbol is the hidden global that holds the service number.
	Symbol string
	// Args are the arguments as written: positional ones first, then
	// keyword ones, in source order.
	Args []RPCArg
	// Result is the type the host returns (None for async calls).
	Result Type
}

// RPCArg is one argument of an RPC.
type RPCArg struct {
	Value   syntax.Expr
	Keyword string // the keyword of a keyword argument, "" for a positional one
	// Type is the annotated type of the parameter the argument binds to,
	// which the argument is converted to; nil sends the argument's own type.
	Type Type
}

// hostSig is what an RPC needs to know about a host function, resolved at
// its first call from a kernel (host functions that kernels never call may
// carry annotations that mean nothing to kernels).
type hostSig struct {
	params                 []hostParam
	varArgs, varKw         bool
	varArgsName, varKwName string
	async                  bool
	result                 Type
	// bad says why an annotation has no kernel type (reported at the
	// annotation, and at each call, which names the function).
	bad string
}

// badAnnotation reports an annotation that did not convert.
func badAnnotation(t Type) bool {
	if t == nil {
		return true
	}
	_, v := Resolve(t).(*Var)
	return v
}

type hostParam struct {
	name       string
	typ        Type // nil: unannotated
	hasDefault bool
	kwOnly     bool
}

// hostFunc is the type of a host function's name: its definition, and
// what RPCs need to know about it, resolved at its first call from a
// kernel (host functions that kernels never call may carry annotations
// that mean nothing to kernels).
type hostFunc struct {
	def    *syntax.FuncDef
	module string
	sig    *hostSig
}

func (h *hostFunc) String() string { return "host function " + h.def.Name }

// declareHost binds a host function.
func (c *checker) declareHost(d *syntax.FuncDef) {
	c.bind(d.Name, d.NamePos, &Object{Kind: ObjHost, Name: d.Name, Pos: d.NamePos, Type: &hostFunc{def: d, module: c.cfg.Module}})
}

// hostSignature resolves (once) what an RPC to obj needs.
func (c *checker) hostSignature(obj *Object) (*hostFunc, *hostSig) {
	h, ok := obj.Type.(*hostFunc)
	if !ok {
		return nil, nil
	}
	if h.sig == nil {
		h.sig = c.buildHostSig(h.def, false)
	}
	return h, h.sig
}

// hostMethodSig resolves (once) what an RPC to the host method d needs;
// method is false for a @staticmethod or @classmethod (no self).
func (c *checker) hostMethodSig(d *syntax.FuncDef, method bool) *hostSig {
	if s, ok := c.hostSigs[d]; ok {
		return s
	}
	s := c.buildHostSig(d, method)
	if c.hostSigs == nil {
		c.hostSigs = map[*syntax.FuncDef]*hostSig{}
	}
	c.hostSigs[d] = s
	return s
}

// buildHostSig reads a host function's or method's signature; for a
// method, its first parameter (self) is the object the kernel sends.
func (c *checker) buildHostSig(d *syntax.FuncDef, method bool) *hostSig {
	s := &hostSig{async: rpcAsync(d)}
	params := d.Params
	if method {
		if len(params) == 0 || params[0].Kind != syntax.ParamNormal {
			c.errorf(d.NamePos, "method %s has no self parameter, so kernels cannot call it", d.Name).Hint =
				"give it a self parameter, or decorate it with @staticmethod"
		} else {
			params = params[1:]
		}
	}
	for _, p := range params {
		switch p.Kind {
		case syntax.ParamVarArgs:
			s.varArgs = true
			s.varArgsName = p.Name
			continue
		case syntax.ParamVarKw:
			s.varKw = true
			s.varKwName = p.Name
			continue
		}
		hp := hostParam{name: p.Name, hasDefault: p.Default != nil, kwOnly: p.Kind == syntax.ParamKwOnly}
		if p.Annotation != nil {
			hp.typ = c.rpcAnnotation(p.Annotation)
			if badAnnotation(hp.typ) && s.bad == "" {
				s.bad = fmt.Sprintf("the annotation of its parameter %q is not a kernel type", p.Name)
			}
		}
		s.params = append(s.params, hp)
	}
	switch {
	case s.async:
		s.result = TNone
		if d.Returns != nil {
			if t := c.rpcAnnotation(d.Returns); t != nil && !Is(t, NoneKind) {
				c.errorf(d.Returns.Pos(), "async RPC %s cannot return a value (it is annotated -> %s)", d.Name, t).Hint =
					"async RPCs return None to the kernel; drop flags={\"async\"} to get the value back"
			}
		}
	case d.Returns != nil:
		s.result = c.rpcAnnotation(d.Returns)
		if badAnnotation(s.result) && s.bad == "" {
			s.bad = "its return annotation is not a kernel type"
		}
	default:
		s.result = TNone
		if r := valueReturn(d.Body); r != nil {
			what := "host function"
			if method {
				what = "host method"
			}
			diag := c.errorf(r.Pos(), "%s %s returns a value, but it has no return annotation, so kernels that call it expect None", what, d.Name)
			diag.Hint = "annotate its return type, e.g. `-> int32`, as RPCs that return values need"
		}
	}
	return s
}

// rpcAsync reports whether d is declared @rpc(flags={"async"}).
func rpcAsync(d *syntax.FuncDef) bool {
	for _, dec := range d.Decorators {
		call, ok := dec.(*syntax.Call)
		if !ok || decoratorName(dec) != "rpc" {
			continue
		}
		for _, kw := range call.Keywords {
			if kw.Name != "flags" {
				continue
			}
			var elts []syntax.Expr
			switch v := kw.Value.(type) {
			case *syntax.Set:
				elts = v.Elts
			case *syntax.List:
				elts = v.Elts
			case *syntax.Tuple:
				elts = v.Elts
			}
			for _, e := range elts {
				if s, ok := e.(*syntax.StrLit); ok && s.Value == "async" {
					return true
				}
			}
		}
	}
	return false
}

// valueReturn finds a `return <value>` (other than `return None`) in a
// function body, not looking into nested definitions.
func valueReturn(body []syntax.Stmt) *syntax.Return {
	var found *syntax.Return
	var walk func([]syntax.Stmt)
	walk = func(ss []syntax.Stmt) {
		for _, s := range ss {
			if found != nil {
				return
			}
			switch s := s.(type) {
			case *syntax.Return:
				if s.Value == nil {
					continue
				}
				if k, ok := s.Value.(*syntax.Constant); ok && k.Value == "None" {
					continue
				}
				found = s
			case *syntax.If:
				walk(s.Body)
				walk(s.Else)
			case *syntax.While:
				walk(s.Body)
				walk(s.Else)
			case *syntax.For:
				walk(s.Body)
				walk(s.Else)
			case *syntax.With:
				walk(s.Body)
			case *syntax.Try:
				walk(s.Body)
				for _, h := range s.Handlers {
					walk(h.Body)
				}
				walk(s.Else)
				walk(s.Finally)
			}
		}
	}
	walk(body)
	return found
}

// rpcAnnotation reads a host function's annotation: the kernel spellings
// (int32, list[float], ...) and ARTIQ's legacy ones (TInt32, TList(TFloat),
// TTuple([TInt32, TFloat])).
func (c *checker) rpcAnnotation(e syntax.Expr) Type {
	if call, ok := e.(*syntax.Call); ok {
		if n, ok := call.Fun.(*syntax.Name); ok && len(call.Keywords) == 0 && len(call.Args) == 1 {
			switch n.Value {
			case "TList":
				if t := c.rpcAnnotation(call.Args[0]); t != nil {
					return &List{Elem: t}
				}
				return nil
			case "TTuple":
				var elts []syntax.Expr
				switch a := call.Args[0].(type) {
				case *syntax.List:
					elts = a.Elts
				case *syntax.Tuple:
					elts = a.Elts
				}
				if elts != nil {
					tup := &Tuple{}
					for _, x := range elts {
						t := c.rpcAnnotation(x)
						if t == nil {
							return nil
						}
						tup.Elems = append(tup.Elems, t)
					}
					return tup
				}
			}
		}
	}
	return c.annotation(e)
}

// rpcCall types a call of a host function from kernel code: an RPC.
func (c *checker) rpcCall(e *syntax.Call, obj *Object) Type {
	h, s := c.hostSignature(obj)
	if s == nil {
		c.hostReach(e.Fun.Pos(), &iface.HostReach{Verb: "calls", Thing: obj.Name, // hostcode.go
			What: "host code marked @host_only: kernels cannot call it, not even through an RPC",
			Hint: "remove @host_only to call it as an RPC, or decorate it with @kernel"})
		c.exprs(e)
		return nil
	}
	return c.rpcBind(e, obj, obj.Name, h.module+"."+h.def.Name, nil, s)
}

// rpcSymbol names the hidden global that holds an RPC's service number.
func rpcSymbol(qual string, method, async bool) string {
	switch {
	case method && async:
		return RPCMethodAsyncSymbolPrefix + qual
	case method:
		return RPCMethodSymbolPrefix + qual
	case async:
		return RPCAsyncSymbolPrefix + qual
	}
	return RPCSymbolPrefix + qual
}

// rpcBind binds a call's arguments to the host signature s and records
// the RPC: to the function qual, or, with recv, to the method of the host
// object recv (qual is then the receiver's class and the method's name).
func (c *checker) rpcBind(e *syntax.Call, callee *Object, name, qual string, recv syntax.Expr, s *hostSig) Type {
	ri := &RPCInfo{Function: qual, Async: s.async, Result: s.result, Recv: recv}
	ri.Symbol = rpcSymbol(qual, recv != nil, s.async)
	c.b.Calls[e] = &CallInfo{Callee: callee, RPC: ri}
	if s.bad != "" {
		what := "host function"
		if recv != nil || strings.Contains(name, ".") {
			what = "host method"
		}
		c.errorf(e.Pos(), "kernels cannot call %s %s: %s", what, qual, s.bad).Hint =
			"RPC annotations are int32, int64, float, bool, str, None, list[T], tuple[T1, T2] or their artiq.language.types spellings"
	}
	var positional []int // indices into s.params of the positional parameters
	for i, p := range s.params {
		if !p.kwOnly {
			positional = append(positional, i)
		}
	}
	bound := make([]bool, len(s.params))
	ok := true
	for i, a := range e.Args {
		if _, star := a.(*syntax.Starred); star {
			c.errorf(a.Pos(), "*args in calls is not supported in kernels")
			ok = false
			continue
		}
		arg := RPCArg{Value: a}
		switch {
		case i < len(positional):
			bound[positional[i]] = true
			arg.Type = s.params[positional[i]].typ
		case !s.varArgs:
			c.errorf(a.Pos(), "%s() takes %d positional argument%s but %d were given", name, len(positional), plural(len(positional)), len(e.Args))
			ok = false
			continue
		}
		ri.Args = append(ri.Args, arg)
	}
	for _, kw := range e.Keywords {
		if kw.Name == "" {
			c.errorf(kw.P, "**kwargs in calls is not supported in kernels")
			ok = false
			continue
		}
		arg := RPCArg{Value: kw.Value, Keyword: kw.Name}
		idx := -1
		for i, p := range s.params {
			if p.name == kw.Name {
				idx = i
			}
		}
		switch {
		case idx >= 0 && bound[idx]:
			c.errorf(kw.P, "%s() got multiple values for argument %q", name, kw.Name)
			ok = false
			continue
		case idx >= 0:
			bound[idx] = true
			arg.Type = s.params[idx].typ
		case !s.varKw:
			c.errorf(kw.P, "%s() got an unexpected keyword argument %q", name, kw.Name)
			ok = false
			continue
		}
		ri.Args = append(ri.Args, arg)
	}
	if ok {
		for i, p := range s.params {
			if !bound[i] && !p.hasDefault {
				c.errorf(e.Pos(), "%s() missing required argument %q", name, p.name)
				break
			}
		}
	}
	for _, a := range ri.Args {
		t := c.expr(a.Value)
		if a.Type != nil {
			c.expect(a.Value, t, a.Type)
		}
	}
	if !ok {
		// Arguments that were not bound still get checked for their own errors.
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
	return ri.Result
}

// checkRPCs runs when all types are final: every value an RPC sends or
// receives must have a tag.
func (c *checker) checkRPCs(quiet bool) {
	defer func() { c.fn = nil }()
	for _, fn := range c.info.Funcs {
		if fn.Body == nil {
			continue
		}
		c.fn = fn // hostcode.go: route the errors of deferrable functions
		var calls []*syntax.Call
		for e, ci := range fn.Body.Calls {
			if ci.RPC != nil {
				calls = append(calls, e)
			}
		}
		// Report in source order.
		sortCalls(calls)
		for _, e := range calls {
			ri := fn.Body.Calls[e].RPC
			what := "host function"
			if ri.Recv != nil {
				what = "host method"
			}
			for _, a := range ri.Args {
				t := a.Type
				if t != nil {
					if _, failed := Resolve(t).(*Var); failed {
						continue // a bad annotation, already reported
					}
				} else {
					t = Final(fn.Body.TypeOf(a.Value))
				}
				if t == nil {
					continue // the argument had an error of its own
				}
				if _, unknown := t.(*Var); unknown {
					if !quiet {
						c.errorf(a.Value.Pos(), "cannot infer the type of this argument of RPC %s", ri.Function).Hint = "annotate the " + what + "'s parameter"
					}
					continue
				}
				if _, err := RPCTag(t); err != nil {
					c.errorf(a.Value.Pos(), "cannot pass %s to %s %s: %v", t, what, ri.Function, err)
				}
			}
			if _, failed := Resolve(ri.Result).(*Var); failed || ri.Result == nil {
				continue // a bad annotation, already reported
			}
			if _, err := RPCTag(Final(ri.Result)); err != nil {
				c.errorf(e.Pos(), "%s %s cannot return %s to a kernel: %v", what, ri.Function, Final(ri.Result), err)
			}
		}
	}
}

func sortCalls(calls []*syntax.Call) {
	for i := 1; i < len(calls); i++ {
		for j := i; j > 0 && calls[j].Pos().Before(calls[j-1].Pos()); j-- {
			calls[j], calls[j-1] = calls[j-1], calls[j]
		}
	}
}

// RPCTag is ARTIQ's tag of a value of type t: n None, b bool, i int32,
// I int64, f float, s str, l<T> list, t<n><T...> tuple (n one byte),
// r<T> range. A keyword argument is k<T>; the tag of a call is the
// arguments' tags, ':', the return tag.
func RPCTag(t Type) (string, error) {
	var b strings.Builder
	if err := writeTag(&b, t); err != nil {
		return "", err
	}
	return b.String(), nil
}

func writeTag(b *strings.Builder, t Type) error {
	switch t := Resolve(t).(type) {
	case *Basic:
		switch t.Kind {
		case NoneKind:
			b.WriteByte('n')
		case Bool:
			b.WriteByte('b')
		case Int32:
			b.WriteByte('i')
		case Int64:
			b.WriteByte('I')
		case Float:
			b.WriteByte('f')
		case Str:
			b.WriteByte('s')
		case Bytes:
			b.WriteByte('B')
		case ByteArray:
			b.WriteByte('A')
		default:
			return fmt.Errorf("%s values cannot cross to the host", t)
		}
	case *List:
		b.WriteByte('l')
		return writeTag(b, t.Elem)
	case *Tuple:
		if len(t.Elems) > 255 {
			return fmt.Errorf("tuples of more than 255 elements cannot cross to the host")
		}
		b.WriteByte('t')
		b.WriteByte(byte(len(t.Elems)))
		for _, e := range t.Elems {
			if err := writeTag(b, e); err != nil {
				return err
			}
		}
	case *Range:
		b.WriteByte('r')
		return writeTag(b, t.Elem)
	case *Array:
		// ARTIQ's a<dims><T>: the number of dimensions is one byte.
		b.WriteByte('a')
		b.WriteByte(byte(t.NDims))
		return writeTag(b, t.Elem)
	case *Var:
		if t.isInt {
			b.WriteByte('i')
			return nil
		}
		return fmt.Errorf("its type is not known")
	case *Class:
		if t.Host != nil {
			b.WriteByte('O') // a host object, sent as its id
			return nil
		}
		return fmt.Errorf("instances of kernel classes cannot cross to the host")
	default:
		return fmt.Errorf("%s values cannot cross to the host", t)
	}
	return nil
}
