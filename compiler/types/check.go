package types

import (
	"fmt"
	"math"
	"math/big"
	"sort"
	"strings"

	"github.com/rules-artiq/rules_artiq/compiler/diag"
	"github.com/rules-artiq/rules_artiq/compiler/hostobj"
	"github.com/rules-artiq/rules_artiq/compiler/iface"
	"github.com/rules-artiq/rules_artiq/compiler/syntax"
)

// Config says how to check a module.
type Config struct {
	// Module is the module's dotted path.
	Module string
	// Standalone is true for programs run with `kernelc run`: top-level
	// statements form the kernel and undecorated functions are kernel code.
	Standalone bool
	// Imports are the interfaces of the modules this one may import.
	Imports map[string]*iface.Interface
	// Host answers questions about host objects (the module's snapshot
	// slice); nil when the module is compiled without one (host.go).
	Host hostobj.Source
	// Unsupported are the definitions whose bodies lost a statement to a
	// construct kernels cannot use (a parse error): checking one reports
	// the error instead (hostcode.go); host code is never checked.
	Unsupported map[*syntax.FuncDef]*diag.Diagnostic
}

// Check resolves names and infers types in f.
func Check(f *syntax.File, cfg Config) (*Info, diag.List) {
	c := &checker{
		cfg:  cfg,
		file: f.Name,
		info: &Info{
			Module:     cfg.Module,
			File:       f.Name,
			Standalone: cfg.Standalone,
			Imported:   map[string]bool{},
		},
		scope:    map[string]*Object{},
		userExns: map[string]*Class{},
	}
	nestWithItems(f.Body) // with.go
	c.declare(f)
	c.declareClassVars(f)
	for _, fn := range c.info.Funcs[:len(c.info.Funcs):len(c.info.Funcs)] {
		if fn.Body == nil {
			c.checkFunc(fn)
		}
	}
	c.hostMethods()
	c.settleBroken() // hostcode.go
	c.finish()
	c.settleBroken()
	c.hostMethodRecords() // rpcmethod.go
	c.errs.Sort()
	return c.info, c.errs
}

type checker struct {
	cfg   Config
	b     *Body // the body being checked
	file  string
	info  *Info
	errs  diag.List
	scope map[string]*Object // module scope
	nvar  int

	// per function
	fn        *Function
	locals    map[string]*Object
	globals   map[string]bool // names declared `global` in this function
	loops     int
	handlers  int // depth of except blocks: a bare raise needs one
	finallies int
	intLits   []intLit
	condVars  []*Var               // variables tested for truth while still unknown (finish makes them bool)
	comps     []map[string]*Object // comprehension scopes, innermost last
	outers    []outerFrame         // enclosing functions of a closure being checked
	pending   []pendingOp
	nonlocals map[string]bool
	userExns  map[string]*Class

	classAttrReads []classAttrRead // class attributes read through instances (class.go)

	hcode *hostCode // host code reached from kernels (hostcode.go)
	// hostSigs are the RPC signatures of host methods, read at their
	// first call (rpc.go).
	hostSigs map[*syntax.FuncDef]*hostSig
}

func (c *checker) errorf(pos syntax.Pos, format string, args ...interface{}) *diag.Diagnostic {
	if cp := c.capturing(); cp != nil { // a deferrable function's error (hostcode.go)
		return cp.errs.Add(c.file, pos, format, args...)
	}
	return c.errs.Add(c.file, pos, format, args...)
}

func (c *checker) fresh() *Var    { c.nvar++; return &Var{id: c.nvar} }
func (c *checker) freshInt() *Var { c.nvar++; return &Var{id: c.nvar, isInt: true} }

// ---------------------------------------------------------------------------
// Module level

func (c *checker) declare(f *syntax.File) {
	var top []syntax.Stmt
	for i, s := range f.Body {
		switch s := s.(type) {
		case *syntax.Import:
			c.declareImport(s)
		case *syntax.ImportFrom:
			c.declareImportFrom(s)
		case *syntax.FuncDef:
			c.declareFunc(s)
		case *syntax.ExprStmt:
			if _, ok := s.X.(*syntax.StrLit); ok && i == 0 {
				continue // module docstring
			}
			if c.cfg.Standalone {
				top = append(top, s)
			}
			// In a library, an expression statement is host code.
		case *syntax.Assign, *syntax.AnnAssign:
			if c.cfg.Standalone {
				top = append(top, s)
			} else {
				c.declareConst(s)
			}
		case *syntax.ClassDef:
			c.declareClass(s)
		default:
			if c.cfg.Standalone {
				top = append(top, s)
			} else {
				c.skipHostStatement(s) // hostcode.go
			}
		}
	}
	if c.cfg.Standalone {
		c.declareGlobals(top)
		fn := &Function{
			Name:   "__toplevel__",
			Module: c.cfg.Module,
			Symbol: c.cfg.Module + ".__toplevel__",
			Stmts:  top,
			Sig:    &Func{Result: TNone},
		}
		// Checked first: the top level assigns the module variables that
		// the functions read, so their types are known there.
		c.info.Funcs = append([]*Function{fn}, c.info.Funcs...)
	}
}

func (c *checker) bind(name string, pos syntax.Pos, obj *Object) {
	if prev, ok := c.scope[name]; ok && prev.Kind != ObjModule && prev.Kind != ObjHostValue { // a later kernel definition replaces host code
		d := c.errorf(pos, "%q is already defined", name)
		if prev.Pos.IsKnown() {
			d.Hint = fmt.Sprintf("the earlier definition is at line %d", prev.Pos.Line)
		}
		return
	}
	c.scope[name] = obj
}

// importable reports whether module m may be imported, and reports why not.
func (c *checker) lookupModule(m string, pos syntax.Pos) (*iface.Interface, bool) {
	if isLanguageModule(m) {
		return nil, true
	}
	it, ok := c.cfg.Imports[m]
	if !ok {
		d := c.errorf(pos, "cannot find kernel module %q", m)
		d.Hint = "add the kernel_library that provides it to deps (or pass --iface " + m + "=PATH)"
		return nil, false
	}
	c.info.Imported[m] = true
	return it, true
}

// isLanguageModule reports modules whose names the language provides
// itself (ARTIQ's `from artiq.experiment import *` and friends).
func isLanguageModule(m string) bool {
	switch m {
	case "artiq", "artiq.experiment", "artiq.language", "artiq.language.core",
		"artiq.language.types", "artiq.language.units", "numpy", "math":
		return true
	}
	return isLegacyModule(m) // legacy.go
}

func (c *checker) declareImport(s *syntax.Import) {
	for _, a := range s.Names {
		if !c.moduleAvailable(a.Name) {
			// Not a kernel module: host code, an error only where a
			// kernel uses it (hostcode.go).
			c.lazyImport(a)
			continue
		}
		if _, ok := c.lookupModule(a.Name, a.P); !ok {
			continue
		}
		if a.AsName != "" {
			c.bind(a.AsName, a.P, &Object{Kind: ObjModule, Name: a.AsName, Module: a.Name, Pos: a.P})
			continue
		}
		// `import lib.pulses` binds `lib`; attribute access walks down.
		first, _, _ := strings.Cut(a.Name, ".")
		if _, ok := c.scope[first]; !ok {
			c.scope[first] = &Object{Kind: ObjModule, Name: first, Module: first, Pos: a.P}
		}
	}
}

func (c *checker) declareImportFrom(s *syntax.ImportFrom) {
	if s.Level > 0 {
		abs := c.absoluteImport(s) // legacy.go
		if abs == nil {
			c.errorf(s.Pos(), "relative import beyond the top-level package of %s", c.cfg.Module)
			return
		}
		s = abs
	}
	// `from lib import ttl` where lib.ttl is a kernel module binds the module.
	if _, isModule := c.cfg.Imports[s.Module]; !isModule && !s.Star && !isLanguageModule(s.Module) {
		all := len(s.Names) > 0
		for _, a := range s.Names {
			if _, ok := c.cfg.Imports[s.Module+"."+a.Name]; !ok {
				all = false
			}
		}
		if all {
			for _, a := range s.Names {
				m := s.Module + "." + a.Name
				c.lookupModule(m, a.P)
				name := a.Name
				if a.AsName != "" {
					name = a.AsName
				}
				c.bind(name, a.P, &Object{Kind: ObjModule, Name: name, Module: m, Pos: a.P})
			}
			return
		}
	}
	if !c.moduleAvailable(s.Module) {
		c.lazyImportFrom(s) // hostcode.go: an error only where a kernel uses a name
		return
	}
	it, ok := c.lookupModule(s.Module, s.Pos())
	if !ok {
		return
	}
	if it == nil { // a language module: its names are builtins
		if !s.Star {
			for _, a := range s.Names {
				if isMathModule(s.Module) {
					if obj := mathMember(s.Module, a.Name); obj != nil {
						name := a.Name
						if a.AsName != "" {
							name = a.AsName
						}
						c.bind(name, a.P, obj)
						continue
					}
				}
				if builtinType(a.Name) == nil && !isLanguageName(a.Name) && !isLegacyName(a.Name) {
					// A host-side name of the module (NumberValue, ...).
					name := a.Name
					if a.AsName != "" {
						name = a.AsName
					}
					c.bindHostName(name, a.P, &HostName{What: "a host-side name of " + s.Module,
						Hint: "kernels cannot use it; read its value in build() into an attribute"})
				}
			}
		}
		return
	}
	if s.Star {
		c.errorf(s.Pos(), "`from %s import *` is not supported for kernel modules; import the names you use", s.Module)
		return
	}
	for _, a := range s.Names {
		obj := c.memberOf(it, a.Name)
		if obj == nil {
			// A class, or host code of the module: an error where a
			// kernel uses it (hostcode.go).
			name := a.Name
			if a.AsName != "" {
				name = a.AsName
			}
			c.bindHostName(name, a.P, &HostName{What: fmt.Sprintf("a name of module %s that is not a kernel function or constant", s.Module),
				Hint: "kernels call the methods of host objects (self.dev.method()), not classes of other modules; private names (starting with '_') are not exported"})
			continue
		}
		name := a.Name
		if a.AsName != "" {
			name = a.AsName
		}
		c.bind(name, a.P, obj)
	}
}

// memberOf returns the object for name in an imported module's interface.
func (c *checker) memberOf(it *iface.Interface, name string) *Object {
	for _, f := range it.Funcs {
		if f.Name == name {
			sig := c.sigFromIface(f)
			fn := &Function{Name: f.Name, Module: it.Module, Symbol: it.Module + "." + f.Name, Sig: sig, Imported: true}
			return &Object{Kind: ObjFunc, Name: name, Type: sig, Func: fn}
		}
	}
	for _, f := range it.Syscalls {
		if f.Name == name {
			sig := c.sigFromIface(f)
			return &Object{Kind: ObjSyscall, Name: name, Type: sig, Symbol: f.Name}
		}
	}
	for _, k := range it.Consts {
		if k.Name == name {
			t := parseTypeString(k.Type)
			if t == nil {
				return nil
			}
			val, err := parseConst(t, k.Value)
			if err != nil {
				return nil
			}
			return &Object{Kind: ObjConst, Name: name, Type: t, Const: val}
		}
	}
	return nil
}

func (c *checker) sigFromIface(f *iface.Func) *Func {
	sig := &Func{Result: parseTypeString(f.Result)}
	for _, p := range f.Params {
		t := parseTypeString(p.Type)
		prm := Param{Name: p.Name, Type: t}
		if p.Default != "" {
			if v, err := parseConst(t, p.Default); err == nil {
				prm.Default = v
			}
		}
		sig.Params = append(sig.Params, prm)
	}
	return sig
}

func decoratorName(e syntax.Expr) string {
	if call, ok := e.(*syntax.Call); ok {
		e = call.Fun
	}
	switch e := e.(type) {
	case *syntax.Name:
		return e.Value
	case *syntax.Attribute:
		return e.Name
	}
	return ""
}

func (c *checker) declareFunc(d *syntax.FuncDef) {
	kind := ""
	var unknown []syntax.Expr
	for _, dec := range d.Decorators {
		switch n := decoratorName(dec); n {
		case "kernel", "portable":
			kind = "kernel"
		case "syscall":
			kind = "syscall"
		case "rpc":
			kind = "host"
		case "host_only":
			kind = "host_only"
		default:
			unknown = append(unknown, dec)
		}
	}
	if len(unknown) > 0 {
		if (kind == "" || kind == "host") && !c.cfg.Standalone {
			// A function with a decorator the language does not know is
			// host code: an RPC target when kernels call it.
			c.declareHost(d)
			return
		}
		for _, dec := range unknown {
			c.errorf(dec.Pos(), "unknown decorator %q", decoratorName(dec)).Hint = "kernel code may use @kernel, @portable, @syscall, @rpc and @host_only"
		}
	}
	if kind == "" {
		if c.cfg.Standalone {
			kind = "kernel"
		} else {
			kind = "host"
		}
	}
	switch kind {
	case "host":
		c.declareHost(d) // rpc.go
		return
	case "host_only":
		// Host code that kernels may not even call through an RPC.
		c.bind(d.Name, d.NamePos, &Object{Kind: ObjHost, Name: d.Name, Pos: d.NamePos})
		return
	case "syscall":
		sig := c.signature(d, true)
		obj := &Object{Kind: ObjSyscall, Name: d.Name, Type: sig, Symbol: d.Name, Pos: d.NamePos}
		c.info.Syscalls = append(c.info.Syscalls, obj)
		c.bind(d.Name, d.NamePos, obj)
		return
	}
	if isGeneric(d) && (c.cfg.Standalone || strings.HasPrefix(d.Name, "_")) {
		g := &generic{def: d, insts: map[string]*Function{}}
		c.bind(d.Name, d.NamePos, &Object{Kind: ObjFunc, Name: d.Name, Pos: d.NamePos, generic: g})
		return
	}
	sig := c.signature(d, false)
	fn := &Function{
		Name:    d.Name,
		Module:  c.cfg.Module,
		Symbol:  c.cfg.Module + "." + d.Name,
		Def:     d,
		Stmts:   d.Body,
		Sig:     sig,
		Private: strings.HasPrefix(d.Name, "_"),
	}
	c.info.Funcs = append(c.info.Funcs, fn)
	c.bind(d.Name, d.NamePos, &Object{Kind: ObjFunc, Name: d.Name, Type: sig, Func: fn, Pos: d.NamePos})
}

// signature builds a function type from annotations; unannotated
// parameters and results get type variables that the body and the call
// sites solve. Syscalls must be fully annotated: nothing infers them.
func (c *checker) signature(d *syntax.FuncDef, syscall bool) *Func {
	sig := &Func{}
	for _, p := range d.Params {
		if p.Kind != syntax.ParamNormal && p.Kind != syntax.ParamKwOnly {
			c.errorf(p.P, "*args and **kwargs parameters are not supported in kernels")
			continue
		}
		var t Type
		if p.Annotation != nil {
			t = c.annotation(p.Annotation)
		} else if syscall {
			c.errorf(p.P, "parameter %q of syscall %s needs a type annotation", p.Name, d.Name)
			t = TInt32
		} else {
			t = c.fresh()
		}
		prm := Param{Name: p.Name, Type: t, KwOnly: p.Kind == syntax.ParamKwOnly, Free: p.Annotation == nil && !syscall}
		if p.Default != nil {
			prm.Default, prm.badDefault = c.defaultValue(p.Default, t)
		}
		sig.Params = append(sig.Params, prm)
	}
	switch {
	case d.Returns != nil:
		sig.Result = c.annotation(d.Returns)
	case syscall:
		sig.Result = TNone
	default:
		sig.Result = c.fresh()
	}
	return sig
}

// annotation converts a type annotation to a type.
func (c *checker) annotation(e syntax.Expr) Type {
	if t, ok := c.legacyAnnotation(e); ok { // legacy.go
		return t
	}
	var name string
	switch e := e.(type) {
	case *syntax.Name:
		name = e.Value
		if obj := c.scope[name]; obj != nil && obj.Kind == ObjClass {
			return obj.Class
		}
		if name == "range" {
			return &Range{Elem: TInt32}
		}
	case *syntax.Constant:
		if e.Value == "None" {
			return TNone
		}
	case *syntax.Attribute:
		if x, ok := e.X.(*syntax.Name); ok && x.Value == "numpy" {
			name = e.Name
		}
	case *syntax.StrLit:
		if t := parseTypeString(e.Value); t != nil {
			return t
		}
		if x := parseAnnotationString(e); x != nil {
			return c.annotation(x) // a forward reference: "Point", "list[Point]"
		}
	case *syntax.Subscript:
		if head, ok := e.X.(*syntax.Name); ok {
			var args []syntax.Expr
			if tup, isTuple := e.Index.(*syntax.Tuple); isTuple {
				args = tup.Elts
			} else {
				args = []syntax.Expr{e.Index}
			}
			switch {
			case head.Value == "list" && len(args) == 1:
				return &List{Elem: c.annotation(args[0])}
			case head.Value == "tuple":
				var elems []Type
				for _, a := range args {
					elems = append(elems, c.annotation(a))
				}
				return &Tuple{Elems: elems}
			case head.Value == "array":
				return c.arrayAnnotation(e.Pos(), args) // array.go
			}
		}
	}
	if t := parseTypeName(name); t != nil {
		return t
	}
	d := c.errorf(e.Pos(), "unknown type annotation")
	d.Hint = "use int32, int64, float, bool, str, bytes, bytearray, None, list[T], tuple[T1, T2] or array[T, N]"
	return c.fresh()
}

// parseTypeName maps annotation names (and the interface encoding) to types.
func parseTypeName(s string) Type {
	switch s {
	case "int32", "int", "TInt32":
		return TInt32
	case "int64", "TInt64":
		return TInt64
	case "float", "TFloat":
		return TFloat
	case "bool", "TBool":
		return TBool
	case "None", "TNone":
		return TNone
	case "str", "TStr":
		return TStr
	case "bytes", "TBytes":
		return TBytes
	case "bytearray", "TByteArray":
		return TByteArray
	}
	return nil
}

// declareConst handles a module-level assignment in a library: it must be
// a constant, which importers see through the interface.
func (c *checker) declareConst(s syntax.Stmt) {
	if c.lazyConst(s) { // legacy.go: not a constant, so host code
		return
	}
	var target syntax.Expr
	var value syntax.Expr
	var want Type
	switch s := s.(type) {
	case *syntax.Assign:
		if len(s.Targets) != 1 {
			c.errorf(s.Pos(), "chained assignment is not allowed at module level")
			return
		}
		target, value = s.Targets[0], s.Value
	case *syntax.AnnAssign:
		target, value = s.Target, s.Value
		want = c.annotation(s.Annotation)
		if value == nil {
			c.errorf(s.Pos(), "a module-level annotation needs a value")
			return
		}
	}
	name, ok := target.(*syntax.Name)
	if !ok {
		c.errorf(target.Pos(), "module-level assignments must assign a constant to a name")
		return
	}
	if want == nil {
		want = c.fresh()
	}
	k := c.constExpr(value, want)
	if k == nil {
		return
	}
	obj := &Object{Kind: ObjConst, Name: name.Value, Type: k.Type, Const: k, Pos: name.Pos()}
	c.info.Consts = append(c.info.Consts, obj)
	c.bind(name.Value, name.Pos(), obj)
}

// declareGlobals records the names a standalone program assigns at top
// level (also inside top-level loops and ifs): they are module variables.
func (c *checker) declareGlobals(top []syntax.Stmt) {
	var targets []syntax.Expr
	walkStmts(top, func(s syntax.Stmt) {
		switch s := s.(type) {
		case *syntax.Assign:
			targets = append(targets, s.Targets...)
		case *syntax.AnnAssign:
			targets = append(targets, s.Target)
		case *syntax.AugAssign:
			targets = append(targets, s.Target)
		case *syntax.For:
			targets = append(targets, s.Target)
		case *syntax.With:
			for _, it := range s.Items {
				if it.Target != nil {
					targets = append(targets, it.Target)
				}
			}
		}
	})
	var names []*syntax.Name
	for _, t := range targets {
		names = append(names, targetNames(t)...)
	}
	for _, n := range names {
		{
			if prev, ok := c.scope[n.Value]; ok && prev.Kind == ObjGlobal {
				continue
			}
			obj := &Object{Kind: ObjGlobal, Name: n.Value, Type: c.fresh(), Symbol: c.cfg.Module + "." + n.Value, Pos: n.Pos()}
			c.info.Globals = append(c.info.Globals, obj)
			c.bind(n.Value, n.Pos(), obj)
		}
	}
}

// defaultValue evaluates a parameter's default, which must be a constant;
// bad is set when it is not (and was reported).
func (c *checker) defaultValue(e syntax.Expr, want Type) (k *Const, bad bool) {
	if k := c.evalConst(e); k == nil {
		c.errorf(e.Pos(), "a default value must be a constant in kernels (a number, bool, string or None)").Hint =
			"defaults are fixed when the kernel is compiled; pass the value explicitly at the call instead"
		return nil, true
	}
	k = c.constExpr(e, want)
	return k, k == nil
}

// constExpr evaluates a constant expression of type want.
func (c *checker) constExpr(e syntax.Expr, want Type) *Const {
	k := c.evalConst(e)
	if k == nil {
		c.errorf(e.Pos(), "expected a constant (a number, bool, string or None)")
		return nil
	}
	if !unify(k.Type, want) {
		// An integer constant may initialize a float.
		if IsInt(k.Type) && Is(want, Float) {
			return &Const{Type: TFloat, Float: float64(k.Int)}
		}
		c.errorf(e.Pos(), "type mismatch: expected %s, found %s", Final(want), Final(k.Type))
		return nil
	}
	k.Type = Final(k.Type)
	if Is(k.Type, Int32) && (k.Int > math.MaxInt32 || k.Int < math.MinInt32) {
		c.errorf(e.Pos(), "integer constant %d does not fit in int32", k.Int)
	}
	return k
}

func (c *checker) evalConst(e syntax.Expr) *Const {
	switch e := e.(type) {
	case *syntax.IntLit:
		v, ok := parseInt(e.Text)
		if !ok || !v.IsInt64() {
			return nil
		}
		k := &Const{Int: v.Int64()}
		if k.Int > math.MaxInt32 || k.Int < math.MinInt32 {
			k.Type = TInt64
		} else {
			k.Type = c.freshInt()
		}
		return k
	case *syntax.FloatLit:
		return &Const{Type: TFloat, Float: e.Value}
	case *syntax.StrLit:
		if e.FString {
			return nil // host code (hostcode.go)
		}
		return &Const{Type: TStr, Str: e.Value}
	case *syntax.Constant:
		switch e.Value {
		case "True":
			return &Const{Type: TBool, Int: 1}
		case "False":
			return &Const{Type: TBool}
		case "None":
			return &Const{Type: TNone}
		}
	case *syntax.Unary:
		if e.Op != syntax.Sub {
			return c.evalConstExpr(e) // legacy.go
		}
		k := c.evalConst(e.X)
		if k == nil {
			return nil
		}
		if Is(k.Type, Float) {
			k.Float = -k.Float
		} else if IsInt(k.Type) {
			k.Int = -k.Int
			if k.Int >= math.MinInt32 {
				if _, ok := Resolve(k.Type).(*Var); !ok && Is(k.Type, Int64) && k.Int == math.MinInt32 {
					k.Type = c.freshInt()
				}
			}
		} else {
			return nil
		}
		return k
	case *syntax.Name:
		if obj, ok := c.scope[e.Value]; ok && obj.Kind == ObjConst {
			k := *obj.Const
			return &k
		}
		return c.evalConstExpr(e) // legacy.go: units
	case *syntax.Binary, *syntax.Attribute, *syntax.Call:
		return c.evalConstExpr(e) // legacy.go
	}
	return nil
}

// parseConst parses the canonical text of a constant of type t.
func parseConst(t Type, s string) (*Const, error) {
	k := &Const{Type: t}
	switch {
	case Is(t, Int32), Is(t, Int64):
		v, ok := parseInt(s)
		if !ok || !v.IsInt64() {
			return nil, fmt.Errorf("bad integer %q", s)
		}
		k.Int = v.Int64()
	case Is(t, Bool):
		k.Int = map[string]int64{"True": 1, "False": 0}[s]
	case Is(t, Float):
		if _, err := fmt.Sscan(s, &k.Float); err != nil {
			switch s {
			case "inf":
				k.Float = math.Inf(1)
			case "-inf":
				k.Float = math.Inf(-1)
			case "nan":
				k.Float = math.NaN()
			default:
				return nil, err
			}
		}
	case Is(t, Str):
		if _, err := fmt.Sscanf(s, "%q", &k.Str); err != nil {
			return nil, err
		}
	case Is(t, NoneKind):
	default:
		return nil, fmt.Errorf("unsupported constant type %s", t)
	}
	return k, nil
}

func parseInt(text string) (*big.Int, bool) {
	v, ok := new(big.Int).SetString(strings.ReplaceAll(text, "_", ""), 0)
	return v, ok
}

// ---------------------------------------------------------------------------
// Functions

func (c *checker) checkFunc(fn *Function) {
	c.fn = fn
	c.locals = map[string]*Object{}
	c.globals = map[string]bool{}
	c.loops = 0
	if fn.Def != nil {
		for i, p := range fn.Def.Params {
			if i >= len(fn.Sig.Params) {
				break
			}
			obj := &Object{Kind: ObjLocal, Name: p.Name, Type: fn.Sig.Params[i].Type, Pos: p.P}
			fn.Params = append(fn.Params, obj)
			c.locals[p.Name] = obj
		}
	}
	fn.Body = newBody()
	c.b = fn.Body
	if c.unsupportedBody(fn) { // hostcode.go: a parse error in its body
		c.fn = nil
		return
	}
	c.collectLocals(fn.Stmts)
	c.stmts(fn.Stmts)
	c.findUnbound(fn) // unbound.go
	// A function that falls off its end returns None.
	if !returnsValue(fn.Stmts) && fn.Def != nil && fn.Def.Returns == nil {
		if v, ok := Resolve(fn.Sig.Result).(*Var); ok && !v.isInt {
			unify(v, TNone)
		} else if !Is(fn.Sig.Result, NoneKind) {
			// A use of its result decided another type.
			c.errorf(fn.Def.NamePos, "type mismatch: %s returns no value (None), but a call uses its result as %s", fn.Def.Name, Final(fn.Sig.Result))
		}
	}
	c.fn = nil
}

func returnsValue(body []syntax.Stmt) bool {
	found := false
	walkStmts(body, func(s syntax.Stmt) {
		if r, ok := s.(*syntax.Return); ok && r.Value != nil {
			found = true
		}
	})
	return found
}

// walkStmts visits every statement of body, not descending into nested
// function definitions.
func walkStmts(body []syntax.Stmt, f func(syntax.Stmt)) {
	for _, s := range body {
		f(s)
		switch s := s.(type) {
		case *syntax.If:
			walkStmts(s.Body, f)
			walkStmts(s.Else, f)
		case *syntax.While:
			walkStmts(s.Body, f)
			walkStmts(s.Else, f)
		case *syntax.For:
			walkStmts(s.Body, f)
			walkStmts(s.Else, f)
		case *syntax.With:
			walkStmts(s.Body, f)
		case *syntax.Try:
			walkStmts(s.Body, f)
			for _, h := range s.Handlers {
				walkStmts(h.Body, f)
			}
			walkStmts(s.Else, f)
			walkStmts(s.Finally, f)
		}
	}
}

// collectLocals applies Python's scoping rule: a name assigned anywhere in
// a function body is local to it, unless declared global.
func (c *checker) collectLocals(body []syntax.Stmt) {
	c.nonlocals = map[string]bool{}
	walkStmts(body, func(s syntax.Stmt) {
		switch g := s.(type) {
		case *syntax.Global:
			for _, n := range g.Names {
				c.globals[n] = true
			}
		case *syntax.Nonlocal:
			for _, n := range g.Names {
				c.nonlocals[n] = true
			}
		}
	})
	if c.fn.Def == nil { // the standalone top level assigns module globals
		return
	}
	addTarget := func(e syntax.Expr) {
		for _, n := range targetNames(e) {
			if c.globals[n.Value] || c.nonlocals[n.Value] {
				continue
			}
			if _, ok := c.locals[n.Value]; !ok {
				obj := &Object{Kind: ObjLocal, Name: n.Value, Type: c.fresh(), Pos: n.Pos()}
				c.locals[n.Value] = obj
				c.fn.Locals = append(c.fn.Locals, obj)
			}
		}
	}
	walkStmts(body, func(s syntax.Stmt) {
		switch s := s.(type) {
		case *syntax.Assign:
			for _, t := range s.Targets {
				addTarget(t)
			}
		case *syntax.AugAssign:
			addTarget(s.Target)
		case *syntax.AnnAssign:
			addTarget(s.Target)
		case *syntax.For:
			addTarget(s.Target)
		case *syntax.With:
			for _, it := range s.Items {
				if it.Target != nil {
					addTarget(it.Target)
				}
			}
		case *syntax.FuncDef:
			n := &syntax.Name{Value: s.Name}
			n.P = s.NamePos
			addTarget(n)
		}
	})
}

func (c *checker) lookup(n *syntax.Name) *Object {
	for i := len(c.comps) - 1; i >= 0; i-- {
		if obj, ok := c.comps[i][n.Value]; ok {
			return obj
		}
	}
	if c.fn != nil && !c.globals[n.Value] {
		if obj, ok := c.locals[n.Value]; ok {
			return obj
		}
		if obj := c.lookupOuter(n.Value); obj != nil {
			return obj
		}
	}
	if obj, ok := c.scope[n.Value]; ok {
		return obj
	}
	if t := builtinType(n.Value); t != nil {
		return &Object{Kind: ObjBuiltin, Name: n.Value, Type: t}
	}
	if v, ok := units[n.Value]; ok {
		return &Object{Kind: ObjConst, Name: n.Value, Type: TFloat, Const: &Const{Type: TFloat, Float: v}}
	}
	if isLanguageName(n.Value) {
		return &Object{Kind: ObjBuiltin, Name: n.Value}
	}
	return nil
}

// ---------------------------------------------------------------------------
// Statements

func (c *checker) stmts(body []syntax.Stmt) {
	for _, s := range body {
		c.stmt(s)
	}
}

func (c *checker) stmt(s syntax.Stmt) {
	switch s := s.(type) {
	case *syntax.ExprStmt:
		// The value is dropped, but the lowering still needs its type.
		c.pending = append(c.pending, pendingOp{pos: s.X.Pos(), t: c.expr(s.X), b: c.b, dropped: true})
	case *syntax.Assign:
		vt := c.expr(s.Value)
		for _, t := range s.Targets {
			c.assign(t, vt, s.Value)
		}
	case *syntax.AnnAssign:
		want := c.annotation(s.Annotation)
		c.assign(s.Target, want, nil)
		if s.Value != nil {
			vt := c.expr(s.Value)
			c.expect(s.Value, vt, want)
		}
	case *syntax.AugAssign:
		tt := c.expr(s.Target)
		vt := c.expr(s.Value)
		if s.Op == syntax.MatMul && (arrayOf(tt) != nil || arrayOf(vt) != nil) {
			c.errorf(s.Pos(), "in-place matrix multiplication (@=) is not supported in kernels; write x = x @ y")
			return
		}
		if lt, ok := Resolve(tt).(*List); ok && s.Op == syntax.Add {
			// xs += iterable extends xs in place.
			ok := false
			switch v := Resolve(vt).(type) {
			case *List:
				ok = unify(lt.Elem, v.Elem) || c.coercible(v.Elem, lt.Elem)
			case *Range:
				ok = unify(lt.Elem, v.Elem) || c.coercible(v.Elem, lt.Elem)
			case *Tuple:
				ok = true
				for _, et := range v.Elems {
					ok = ok && (unify(lt.Elem, et) || c.coercible(et, lt.Elem))
				}
			default:
				ok = Is(vt, Str) && unify(lt.Elem, TStr)
			}
			if !ok {
				c.errorf(s.Value.Pos(), "type mismatch: cannot extend a %s with %s", Final(tt), Final(vt))
			}
			c.assign(s.Target, tt, s.Value)
			break
		}
		rt := c.binaryType(s.Pos(), s.Op, tt, vt)
		c.assign(s.Target, rt, s.Value)
	case *syntax.If:
		c.cond(s.Cond)
		c.stmts(s.Body)
		c.stmts(s.Else)
	case *syntax.While:
		c.cond(s.Cond)
		c.loops++
		c.stmts(s.Body)
		c.loops--
		c.stmts(s.Else)
	case *syntax.For:
		c.forStmt(s)
	case *syntax.Break, *syntax.Continue:
		if c.loops == 0 {
			c.errorf(s.Pos(), "%s outside a loop", map[bool]string{true: "'break'", false: "'continue'"}[isBreak(s)])
		}
	case *syntax.Pass, *syntax.Global:
	case *syntax.Return:
		if c.fn.Def == nil {
			c.errorf(s.Pos(), "'return' outside a function")
			return
		}
		var t Type = TNone
		if s.Value != nil {
			t = c.expr(s.Value)
		}
		if !unify(c.fn.Sig.Result, t) {
			if s.Value != nil && c.coercible(t, c.fn.Sig.Result) {
				c.b.Types[s.Value] = t
				return
			}
			pos := s.Pos()
			if s.Value != nil {
				pos = s.Value.Pos()
			}
			c.errorf(pos, "type mismatch: %s returns %s, but this returns %s", c.fn.Name, Final(c.fn.Sig.Result), Final(t))
		}
	case *syntax.Assert:
		c.cond(s.Cond)
		if s.Msg != nil {
			if _, ok := s.Msg.(*syntax.StrLit); !ok {
				c.errorf(s.Msg.Pos(), "the message of an assert must be a string literal")
			} else {
				c.expr(s.Msg)
			}
		}
	case *syntax.With:
		c.withStmt(s)
	case *syntax.Try:
		c.tryStmt(s)
	case *syntax.Raise:
		c.raiseStmt(s)
	case *syntax.FuncDef:
		if c.fn.Def == nil && c.cfg.Standalone {
			c.errorf(s.Pos(), "functions defined inside top-level statements are not supported; define them at module level")
			return
		}
		c.nestedFunc(s)
	case *syntax.Nonlocal:
		for _, n := range s.Names {
			if len(c.outers) == 0 || c.lookupOuter(n) == nil {
				c.errorf(s.Pos(), "no binding for nonlocal %q found", n)
			}
		}
	case *syntax.Import, *syntax.ImportFrom:
		c.errorf(s.Pos(), "imports must be at module level")
	default:
		c.errorf(s.Pos(), "this statement is not supported in kernels yet")
	}
}

func isBreak(s syntax.Stmt) bool { _, ok := s.(*syntax.Break); return ok }

func (c *checker) withStmt(s *syntax.With) {
	n, ok := s.Items[0].Context.(*syntax.Name)
	if !ok || (n.Value != "parallel" && n.Value != "sequential" && n.Value != "interleave") || !isBuiltinName(c.lookup(n)) {
		c.withObject(s)
		return
	}
	if len(s.Items) != 1 || s.Items[0].Target != nil {
		c.errorf(s.Pos(), "`with %s` takes no other context managers and no `as`", n.Value)
	}
	if n.Value != "sequential" {
		c.b.Parallel[s] = true
	}
	c.stmts(s.Body)
}

func (c *checker) forStmt(s *syntax.For) {
	call, ok := s.Iter.(*syntax.Call)
	fn, isName := (*syntax.Name)(nil), false
	if ok {
		fn, isName = call.Fun.(*syntax.Name)
	}
	if !ok || !isName || fn.Value != "range" || !isBuiltinName(c.lookup(fn)) {
		elem := c.iterElem(s.Iter)
		if elem == nil {
			elem = c.fresh()
		}
		c.assign(s.Target, elem, nil)
		c.loops++
		c.stmts(s.Body)
		c.loops--
		c.stmts(s.Else)
		return
	}
	if len(call.Args) < 1 || len(call.Args) > 3 || len(call.Keywords) > 0 {
		c.errorf(call.Pos(), "range() takes 1 to 3 positional arguments, got %d", len(call.Args))
		return
	}
	elem := Type(c.freshInt())
	for _, a := range call.Args {
		at := c.expr(a)
		if !IsInt(at) {
			c.errorf(a.Pos(), "type mismatch: range() arguments must be integers, found %s", Final(at))
			continue
		}
		elem = c.promoteInt(elem, at)
	}
	for _, a := range call.Args {
		c.b.Types[a] = c.b.Types[a] // recorded; lowering converts to elem
	}
	c.b.Types[call] = elem
	c.b.Calls[call] = &CallInfo{Callee: &Object{Kind: ObjBuiltin, Name: "range"}, Builtin: "range", Args: call.Args}
	c.assign(s.Target, elem, nil)
	c.loops++
	c.stmts(s.Body)
	c.loops--
	c.stmts(s.Else)
}

// promoteInt returns the wider of two integer types, binding literal
// variables to the other side.
func (c *checker) promoteInt(a, b Type) Type {
	if Is(a, Int64) || Is(b, Int64) {
		return TInt64
	}
	unify(a, b)
	return a
}

// assign checks an assignment of a value of type vt to target.
func (c *checker) assign(target syntax.Expr, vt Type, value syntax.Expr) {
	n, ok := target.(*syntax.Name)
	if !ok {
		c.assignComposite(target, vt, value)
		return
	}
	obj := c.lookup(n)
	if obj == nil || (obj.Kind != ObjLocal && obj.Kind != ObjGlobal) {
		if obj != nil && obj.Kind == ObjConst {
			c.errorf(n.Pos(), "cannot assign to module constant %q", n.Value).Hint = "declare it `global` in a standalone program, or use a local variable"
		} else {
			c.errorf(n.Pos(), "cannot assign to %q", n.Value)
		}
		return
	}
	if obj.Kind == ObjGlobal && c.fn.Def != nil && !c.globals[n.Value] {
		c.errorf(n.Pos(), "cannot assign to module variable %q without `global %s`", n.Value, n.Value)
		return
	}
	c.b.Uses[n] = obj
	c.b.Targets[target] = obj
	c.b.Types[target] = obj.Type
	if !unify(obj.Type, vt) {
		if c.coercible(vt, obj.Type) {
			return
		}
		pos := n.Pos()
		if value != nil {
			pos = value.Pos()
		}
		d := c.errorf(pos, "type mismatch: %q has type %s, cannot assign a value of type %s", n.Value, Final(obj.Type), Final(vt))
		if Is(obj.Type, NoneKind) || Is(vt, NoneKind) {
			d.Hint = "a variable has one type in kernels, so None cannot mark a missing value: use a separate flag or a sentinel value of the same type"
		}
	}
}

// coercible reports whether a value of type from converts implicitly to
// type to: int32 widens to int64 (Python has one int; ARTIQ promotes), and
// integers pass where floats are expected, as Python allows.
func (c *checker) coercible(from, to Type) bool {
	return Is(from, Int32) && Is(to, Int64) || IsInt(from) && Is(to, Float)
}

// expect checks that e (of type t) can be used where want is expected.
func (c *checker) expect(e syntax.Expr, t, want Type) {
	if unify(t, want) || c.coercible(t, want) {
		return
	}
	if lit, ok := e.(*syntax.IntLit); ok && Is(want, Int32) && Is(t, Int64) {
		c.errorf(e.Pos(), "integer literal %s does not fit in int32", lit.Text).Hint = "annotate the value as int64"
		return
	}
	c.errorf(e.Pos(), "type mismatch: expected %s, found %s", Final(want), Final(t))
}

// cond checks an expression used for its truth value.
func (c *checker) cond(e syntax.Expr) {
	t := c.expr(e)
	if v, ok := Resolve(t).(*Var); ok && !v.isInt && !v.isNum {
		c.condVars = append(c.condVars, v)
	}
	if !truthy(t) {
		c.errorf(e.Pos(), "type mismatch: a condition must be bool, int or float, found %s", Final(t))
	}
}

func truthy(t Type) bool {
	switch Resolve(t).(type) {
	case *Basic, *Var, *List, *Tuple, *Range, *Array:
		return true
	}
	return false
}

// ---------------------------------------------------------------------------
// Finishing

func (c *checker) finish() {
	quiet := len(c.errs) > 0 // inference failures after other errors are cascades
	// A parameter that the code only tests for truth (ARTIQ's
	// `cfg_sw(self, channel, on)`: `if on:`) is a bool, as the callers
	// that ARTIQ's whole-program inference sees pass it.
	for _, v := range c.condVars {
		if w, ok := Resolve(v).(*Var); ok && !w.isInt && !w.isNum {
			unify(w, TBool)
		}
	}
	c.checkPending()
	c.shadowedClassAttrs()
	for _, il := range c.intLits {
		c.fn = c.fnOfBody(il.b) // hostcode.go: route the error
		lit := il.lit
		t := Final(il.b.Types[lit])
		v, _ := parseInt(lit.Text)
		limit := int64(math.MaxInt32)
		if il.negated {
			limit++
		}
		if Is(t, Int32) && (!v.IsInt64() || v.Int64() > limit) {
			c.errorf(lit.Pos(), "integer literal %s does not fit in int32", lit.Text).Hint = "write int64(" + lit.Text + ") for a 64-bit value"
		}
	}
	c.fn = nil
	for _, fn := range c.info.Funcs {
		for e, t := range fn.Body.Types {
			t = Final(t)
			defaultElems(t)
			fn.Body.Types[e] = t
		}
	}
	for _, obj := range c.info.Globals {
		obj.Type = Final(obj.Type)
		if _, ok := obj.Type.(*Var); ok && !quiet {
			c.errorf(obj.Pos, "cannot infer the type of %q", obj.Name).Hint = "assign it a value of a known type first"
		} else if !IsConcrete(obj.Type) && !quiet {
			c.errorf(obj.Pos, "cannot infer the type of %q (%s)", obj.Name, obj.Type)
		}
	}
	for _, fn := range c.info.Funcs {
		c.fn = fn // hostcode.go: a deferrable function's errors are deferred
		Final(fn.Sig)
		for _, p := range fn.Params {
			p.Type = Final(p.Type)
			if _, ok := p.Type.(*Var); ok && !quiet {
				d := c.errorf(p.Pos, "cannot infer the type of parameter %q of %s", p.Name, fn.Name)
				d.Hint = fmt.Sprintf("annotate it, e.g. `%s: int32`", p.Name)
			}
		}
		if _, ok := fn.Sig.Result.(*Var); ok && fn.Def != nil && !quiet {
			c.errorf(fn.Def.NamePos, "cannot infer the return type of %s", fn.Name).Hint = "annotate it, e.g. `-> int32`"
		}
		for _, l := range fn.Locals {
			l.Type = Final(l.Type)
			if _, ok := l.Type.(*Var); ok && !quiet {
				c.errorf(l.Pos, "cannot infer the type of %q", l.Name)
			}
		}
	}
	c.fn = nil
	// Globals and locals that were never assigned a concrete type are errors,
	// reported once; keep output deterministic by sorting.
	sort.SliceStable(c.info.Globals, func(i, j int) bool { return c.info.Globals[i].Pos.Before(c.info.Globals[j].Pos) })
	c.checkRPCs(quiet) // rpc.go
}

// intLit is an integer literal and the body whose types decide its width.
type intLit struct {
	lit     *syntax.IntLit
	b       *Body
	negated bool // the operand of a unary minus: -2147483648 fits
}

func isBuiltinName(o *Object) bool { return o != nil && o.Kind == ObjBuiltin }

// parseAnnotationString parses the text of a string annotation as an
// expression whose positions are those of the text in the file.
func parseAnnotationString(lit *syntax.StrLit) syntax.Expr {
	p := lit.Pos()
	if p.Line < 1 || p.Col < 1 || strings.ContainsAny(lit.Value, "\n\r") {
		return nil
	}
	// "(" at column 1 and spaces put the text where it is in the file:
	// one column after the opening quote.
	src := strings.Repeat("\n", int(p.Line)-1) + "(" + strings.Repeat(" ", int(p.Col)-1) + lit.Value + ")\n"
	f, errs := syntax.Parse("annotation", []byte(src))
	if len(errs) > 0 || f == nil || len(f.Body) != 1 {
		return nil
	}
	st, ok := f.Body[0].(*syntax.ExprStmt)
	if !ok {
		return nil
	}
	return st.X
}
