package types

import (
	"sort"
	"strings"

	"github.com/rules-artiq/rules_artiq/compiler/diag"
	"github.com/rules-artiq/rules_artiq/compiler/iface"
	"github.com/rules-artiq/rules_artiq/compiler/syntax"
	"github.com/rules-artiq/rules_artiq/snapshot"
)

// Method RPCs
//
// A kernel's call of a method of a host object that is not kernel code
// (undecorated or @rpc, as ARTIQ experiments write `def report(self, n)`
// next to `@kernel def run`) is a remote procedure call, as in ARTIQ: the
// object goes first, with tag 'O' (the firmware sends its id, the first
// word of its struct), then the arguments as for host functions (rpc.go).
// The host calls the method of the object it receives, so a subclass's
// override is the one that runs, as in Python. @staticmethod and
// @classmethod host methods are RPCs without the object. ARTIQ's
// environment methods that experiments call from kernels (set_dataset,
// append_to_dataset, mutate_dataset, ...) are host methods of every class
// derived from HasEnvironment or EnvExperiment.
//
// Another module's host class lists its host methods in its interface
// (iface.RPC), with their signatures.

// hostMethodKind classifies a host method by its decorators.
type hostMethodKind int

const (
	hostMethodPlain    hostMethodKind = iota // an RPC with the object first
	hostMethodStatic                         // @staticmethod, @classmethod: no object
	hostMethodOnly                           // @host_only: not even an RPC
	hostMethodProperty                       // @property: not callable
)

func hostKind(d *syntax.FuncDef) hostMethodKind {
	for _, dec := range d.Decorators {
		switch decoratorName(dec) {
		case "host_only":
			return hostMethodOnly
		case "property":
			return hostMethodProperty
		case "staticmethod", "classmethod":
			return hostMethodStatic
		}
	}
	return hostMethodPlain
}

// lookupHost finds the host method name in the class or its bases; nil
// when a kernel method of that name comes first.
func (c *Class) lookupHost(name string) *syntax.FuncDef {
	for k := c; k != nil; k = k.Base {
		if _, ok := k.defs[name]; ok {
			return nil
		}
		if d := k.hosts[name]; d != nil {
			return d
		}
	}
	return nil
}

// envMethods are the methods of ARTIQ's HasEnvironment that kernels call
// as RPCs, with their host signatures (artiq/language/environment.py;
// set_dataset takes both the ARTIQ 6 positional flags and the ARTIQ 8
// keyword-only display options).
var envMethods = map[string]func() *hostSig{
	"set_dataset": func() *hostSig {
		return &hostSig{result: TNone, params: []hostParam{
			{name: "key"}, {name: "value"},
			{name: "broadcast", hasDefault: true}, {name: "persist", hasDefault: true},
			{name: "archive", hasDefault: true}, {name: "save", hasDefault: true},
			{name: "unit", hasDefault: true, kwOnly: true}, {name: "scale", hasDefault: true, kwOnly: true},
			{name: "precision", hasDefault: true, kwOnly: true},
		}}
	},
	"append_to_dataset": func() *hostSig {
		return &hostSig{result: TNone, params: []hostParam{{name: "key"}, {name: "value"}}}
	},
	"mutate_dataset": func() *hostSig {
		return &hostSig{result: TNone, params: []hostParam{{name: "key"}, {name: "index"}, {name: "value"}}}
	},
	"get_dataset": func() *hostSig {
		return &hostSig{result: TNone, params: []hostParam{
			{name: "key"}, {name: "default", hasDefault: true}, {name: "archive", hasDefault: true}}}
	},
	"setattr_dataset": func() *hostSig {
		return &hostSig{result: TNone, params: []hostParam{
			{name: "key"}, {name: "default", hasDefault: true}, {name: "archive", hasDefault: true}}}
	},
	"set_default_scheduling": func() *hostSig {
		return &hostSig{result: TNone, params: []hostParam{
			{name: "priority", hasDefault: true}, {name: "pipeline_name", hasDefault: true},
			{name: "flush", hasDefault: true}}}
	},
}

// isEnvClass reports whether cl derives from ARTIQ's HasEnvironment (or
// EnvExperiment).
func isEnvClass(cl *Class) bool {
	for k := cl; k != nil; k = k.Base {
		if k.Host != nil && k.Host.Env {
			return true
		}
	}
	return false
}

// methodRPC types recv.name(args) when name is a host method of the host
// class cl: an RPC. ok is false when name is not one (a kernel method, or
// unknown).
func (c *checker) methodRPC(e *syntax.Call, attr *syntax.Attribute, cl *Class) (t Type, ok bool) {
	name := attr.Name
	thing := cl.Name + "." + name
	var s *hostSig
	static := false
	switch {
	case cl.Host != nil && cl.Host.Imported:
		it := c.cfg.Imports[cl.Module]
		if it == nil {
			return nil, false
		}
		r := it.LookupRPC(thing)
		if r == nil {
			return nil, false
		}
		c.info.Imported[cl.Module] = true
		s, static = c.importedRPCSig(r, attr.NamePos), r.Static
	default:
		d := cl.lookupHost(name)
		if d == nil {
			mk := envMethods[name]
			if mk == nil || !isEnvClass(cl) || cl.lookupStaticOrKernel(name) {
				return nil, false
			}
			s = mk()
			break
		}
		switch hostKind(d) {
		case hostMethodOnly:
			c.hostReach(attr.NamePos, &iface.HostReach{Verb: "calls", Thing: thing, // hostcode.go
				What: "host code marked @host_only: kernels cannot call it, not even through an RPC",
				Hint: "remove @host_only to call it as an RPC, or decorate it with @kernel"})
			c.exprs(e)
			return nil, true
		case hostMethodProperty:
			c.errorf(attr.NamePos, "%s is a property of host class %s: kernels cannot call it", name, cl.Symbol()).Hint =
				"read a plain attribute that build() sets, or call a method"
			c.exprs(e)
			return nil, true
		case hostMethodStatic:
			static = true
		}
		if cl.Host == nil {
			c.errorf(attr.NamePos, "%s is host code, and instances of %s made by kernels cannot be sent to the host", thing, cl.Name).Hint =
				"decorate it with @kernel or @portable; only host objects (from the snapshot) have RPC methods"
			c.exprs(e)
			return nil, true
		}
		s = c.hostMethodSig(d, !static)
	}
	callee := &Object{Kind: ObjHost, Name: thing, Pos: attr.NamePos}
	var recv syntax.Expr
	if !static {
		recv = attr.X
	}
	return c.rpcBind(e, callee, thing, cl.Symbol()+"."+name, recv, s), true
}

// schedulerMethods are the RPC signatures of the methods of ARTIQ's
// scheduler virtual device that kernels call (artiq/master/worker_impl.py).
var schedulerMethods = map[string]func() *hostSig{
	"pause": func() *hostSig { return &hostSig{result: TNone} },
	"check_pause": func() *hostSig {
		return &hostSig{result: TBool, params: []hostParam{{name: "rid", hasDefault: true}}}
	},
	"check_termination": func() *hostSig {
		return &hostSig{result: TBool, params: []hostParam{{name: "rid", hasDefault: true}}}
	},
}

// opaqueMethodRPC types obj.attr.name(args) where attr is a host value
// that kernels cannot hold (opaque in the snapshot: the scheduler, the
// ccb, an instance of a class that is not kernel code): an RPC of the
// method of that value, sent with obj (the host follows the attribute).
// Its signature is unknown here: the arguments are sent with their own
// types and the result is None, except for the scheduler's methods
// (check_pause returns a bool). obj must be a name (self).
func (c *checker) opaqueMethodRPC(e *syntax.Call, f, a *syntax.Attribute) (Type, bool) {
	n, ok := a.X.(*syntax.Name)
	if !ok {
		return nil, false
	}
	if obj := c.lookup(n); obj == nil || obj.Kind != ObjLocal {
		return nil, false
	}
	cl := classOf(c.expr(n))
	if cl == nil || cl.Host == nil || !c.hostLayout(cl, a.NamePos) {
		return nil, false
	}
	at, ok := cl.Host.attrs[a.Name]
	if !ok || at.Type.Kind != snapshot.KindOpaque {
		return nil, false
	}
	s := &hostSig{result: TNone, varArgs: true, varKw: true, varArgsName: "args", varKwName: "kwargs"}
	if mk := schedulerMethods[f.Name]; mk != nil && a.Name == "scheduler" {
		s = mk()
	}
	thing := cl.Name + "." + a.Name + "." + f.Name
	callee := &Object{Kind: ObjHost, Name: thing, Pos: f.NamePos}
	return c.rpcBind(e, callee, thing, cl.Symbol()+RPCPathSeparator+a.Name+"."+f.Name, n, s), true
}

// RPCPathSeparator separates, in a method RPC's function name, the
// receiver's class from a method path that starts with an attribute
// (exp.Exp#scheduler.pause): the host follows the path from the object.
const RPCPathSeparator = "#"

// lookupStaticOrKernel reports whether the class has a kernel method or a
// static kernel function of that name.
func (c *Class) lookupStaticOrKernel(name string) bool {
	if c.lookupStatic(name) != nil {
		return true
	}
	d, ok := c.lookupMethod(name)
	return ok && d != nil
}

// importedRPCSig converts an interface's RPC record to a signature.
func (c *checker) importedRPCSig(r *iface.RPC, at syntax.Pos) *hostSig {
	s := &hostSig{async: r.Async, result: c.ifaceType(r.Result, at)}
	for _, p := range r.Params {
		switch {
		case p.VarArgs:
			s.varArgs, s.varArgsName = true, p.Name
			continue
		case p.VarKw:
			s.varKw, s.varKwName = true, p.Name
			continue
		}
		hp := hostParam{name: p.Name, hasDefault: p.HasDefault, kwOnly: p.KwOnly}
		if p.Type != "" {
			hp.typ = c.ifaceType(p.Type, at)
		}
		s.params = append(s.params, hp)
	}
	return s
}

// rpcRecord is the interface record of a host method's signature; ok is
// false (with the first error) when the signature has no RPC form.
func rpcRecord(name string, s *hostSig, static bool) *iface.RPC {
	r := &iface.RPC{Name: name, Async: s.async, Static: static, Result: Final(s.result).String()}
	for _, p := range s.params {
		rp := iface.RPCParam{Name: p.name, HasDefault: p.hasDefault, KwOnly: p.kwOnly}
		if p.typ != nil {
			rp.Type = Final(p.typ).String()
		}
		r.Params = append(r.Params, rp)
	}
	// Python's order: the *args parameter comes before keyword-only ones.
	if s.varArgs {
		i := len(r.Params)
		for j, p := range r.Params {
			if p.KwOnly {
				i = j
				break
			}
		}
		r.Params = append(r.Params[:i], append([]iface.RPCParam{{Name: s.varArgsName, VarArgs: true}}, r.Params[i:]...)...)
	}
	if s.varKw {
		r.Params = append(r.Params, iface.RPCParam{Name: s.varKwName, VarKw: true})
	}
	return r
}

// quietly runs f with the checker's diagnostics set aside and returns
// what f reported.
func (c *checker) quietly(f func()) diag.List {
	errs, fn := c.errs, c.fn
	c.errs, c.fn = nil, nil
	f()
	got := c.errs
	c.errs, c.fn = errs, fn
	return got
}

// hostMethodRecords lists, for importers, the public host methods of the
// module's host classes that have instances: an RPC record with the
// signature, or a broken record for those kernels cannot call (@host_only,
// @property, a signature with no RPC form). Classes derived from
// HasEnvironment also list ARTIQ's environment methods.
func (c *checker) hostMethodRecords() {
	if c.cfg.Host == nil {
		return
	}
	have := map[string]bool{}
	for _, b := range c.info.Broken {
		have[b.Reason.Name] = true
	}
	for _, r := range c.info.RPCs {
		have[r.Name] = true
	}
	broken := func(name string, r *iface.HostReach) {
		have[name] = true
		c.info.Broken = append(c.info.Broken, &BrokenFunc{Reason: &iface.Broken{Name: name, Host: r}})
	}
	for _, cl := range c.info.Classes {
		if cl.Host == nil || cl.Host.Imported || !cl.Host.known {
			continue
		}
		seen := map[string]bool{}
		for k := cl; k != nil; k = k.Base {
			var names []string
			for n := range k.hosts {
				names = append(names, n)
			}
			sort.Strings(names)
			for _, n := range names {
				name := cl.Name + "." + n
				if seen[n] || strings.HasPrefix(n, "_") || have[name] {
					continue
				}
				seen[n] = true
				if _, isKernel := cl.funcs[n]; isKernel {
					continue
				}
				d := k.hosts[n]
				switch hostKind(d) {
				case hostMethodOnly:
					broken(name, &iface.HostReach{Verb: "calls", Thing: name,
						What: "host code marked @host_only: kernels cannot call it, not even through an RPC",
						Hint: "remove @host_only to call it as an RPC, or decorate it with @kernel"})
					continue
				case hostMethodProperty:
					broken(name, &iface.HostReach{Verb: "calls", Thing: name, What: "a property of a host class",
						Hint: "read a plain attribute that build() sets, or call a method"})
					continue
				}
				static := hostKind(d) == hostMethodStatic
				var s *hostSig
				errs := c.quietly(func() { s = c.buildHostSig(d, !static) })
				if len(errs) > 0 {
					have[name] = true
					c.info.Broken = append(c.info.Broken, &BrokenFunc{Reason: &iface.Broken{Name: name, Error: errs[0].Msg}})
					continue
				}
				have[name] = true
				c.info.RPCs = append(c.info.RPCs, rpcRecord(name, s, static))
			}
			for n := range k.defs {
				seen[n] = true
			}
			for n := range k.statics {
				seen[n] = true
			}
		}
		if isEnvClass(cl) {
			var names []string
			for n := range envMethods {
				names = append(names, n)
			}
			sort.Strings(names)
			for _, n := range names {
				if name := cl.Name + "." + n; !seen[n] && !have[name] {
					have[name] = true
					c.info.RPCs = append(c.info.RPCs, rpcRecord(name, envMethods[n](), false))
				}
			}
		}
	}
}
