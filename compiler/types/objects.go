package types

import (
	"github.com/rules-artiq/rules_artiq/compiler/iface"
	"github.com/rules-artiq/rules_artiq/compiler/syntax"
)

// ObjKind says what a name refers to.
type ObjKind int

const (
	ObjLocal   ObjKind = iota + 1 // a local variable or parameter of a kernel function
	ObjGlobal                     // a module-level variable (standalone programs)
	ObjConst                      // a module constant, folded into code
	ObjFunc                       // a kernel function, of this module or imported
	ObjSyscall                    // a firmware function declared with @syscall
	ObjBuiltin                    // a name of the language (print, now_mu, int64...)
	ObjModule                     // an imported module, or a package prefix of one
	ObjHost                       // a host-only function (not kernel code)
	ObjClass                      // a class of kernel code
)

// Object is what a name resolves to.
type Object struct {
	Kind ObjKind
	Name string
	Type Type
	Pos  syntax.Pos // where it was defined (unknown for imported objects)

	Func   *Function // ObjFunc
	Const  *Const    // ObjConst
	Symbol string    // ObjGlobal, ObjSyscall: the linker symbol
	Module string    // ObjModule: the dotted module path

	Class *Class // ObjClass
	// Captured is set on a local that a nested function uses: it lives in
	// a heap cell so that the closure shares it.
	Captured bool

	// Init is the initial value of a class attribute's variable (an
	// ObjGlobal that starts as the class body's constant).
	Init *Const

	generic *generic // ObjFunc of a generic function: instantiated per call

	// HostName describes an ObjHostValue, or an ObjModule whose import
	// found no kernel module (hostcode.go).
	HostName *HostName
}

// Function is a kernel function: defined in this module or imported.
type Function struct {
	Name     string // qualified name inside its module (f, or C.f later)
	Module   string
	Symbol   string // the linker symbol: module + "." + Name
	Def      *syntax.FuncDef
	Stmts    []syntax.Stmt // for the standalone top level, Def is nil
	Sig      *Func
	Params   []*Object
	Locals   []*Object // locals other than parameters, in order of first assignment
	Body     *Body     // what the checker found in Stmts (nil for imported functions)
	Imported bool
	Private  bool   // module-private (name starts with '_'): internal linkage
	Class    *Class // the class of a method (its first parameter is self)
	// Static is set on a @staticmethod of a class that is kernel code
	// (@staticmethod @portable): a function named Class.f, without self.
	Static bool
	// Outer is the enclosing function of a closure (nested def or lambda);
	// Free lists the captured variables its environment holds, in order.
	Outer *Function
	Free  []*Object
	// Value is set when the function is used as a value: it also needs the
	// closure calling convention (an environment pointer first).
	Value bool
}

// CallInfo is a resolved call: the callee and the arguments bound to its
// parameters in order (a nil Args entry means "use the default").
type CallInfo struct {
	Callee   *Object
	Builtin  string // the builtin's name when Callee.Kind == ObjBuiltin
	Args     []syntax.Expr
	Defaults []*Const
	// Recv is the receiver of a method call (passed as self), New the class
	// of an instance creation.
	Recv syntax.Expr
	New  *Class
	// RPC is set for a call of a host function.
	RPC *RPCInfo
	// Indirect is set for a call through a function value (Fun's value).
	Indirect bool
	// Reverse is list.sort(reverse=True) and sorted(..., reverse=True).
	Reverse bool
}

// Info is the result of checking one module.
type Info struct {
	Module     string
	File       string
	Standalone bool

	Funcs    []*Function // kernel functions defined here, in source order
	Globals  []*Object   // module variables (standalone programs)
	Consts   []*Object   // module constants, in source order
	Syscalls []*Object   // @syscall declarations, in source order
	Classes  []*Class    // kernel classes, in source order
	Imported map[string]bool
	// Host is set when the module uses host classes (host.go).
	Host *HostInfo
	// Broken are the kernel methods that cannot be compiled (hostcode.go):
	// they are not lowered, and the interface lists them.
	Broken []*BrokenFunc
	// RPCs are the host methods of the module's host classes, for
	// importers (rpcmethod.go).
	RPCs []*iface.RPC
}

// Body is what the checker found in one function body. Each
// instantiation of a generic function, and each class's copy of an
// inherited method, has its own Body over the same syntax tree.
type Body struct {
	Types   map[syntax.Expr]Type
	Uses    map[*syntax.Name]*Object
	Attrs   map[*syntax.Attribute]*Object // module-qualified references (lib.ttl.on) and attributes
	Calls   map[*syntax.Call]*CallInfo
	Targets map[syntax.Expr]*Object // assignment and for targets
	Fields  map[*syntax.Attribute]*FieldRef
	Withs   map[*syntax.With]*WithInfo

	Closures   map[*syntax.FuncDef]*Function // nested defs
	DefTargets map[*syntax.FuncDef]*syntax.Name
	Lambdas    map[*syntax.Lambda]*Function

	Raises   map[*syntax.Raise]*RaiseInfo
	Handlers map[*syntax.Handler]*HandlerInfo

	// Parallel marks `with parallel:` statements (the rest are sequential).
	Parallel map[*syntax.With]bool

	// MaybeUnbound are the reads of locals that may run before anything
	// was assigned to them (unbound.go): they raise UnboundLocalError then.
	MaybeUnbound map[*syntax.Name]*Object

	// BoundMethods are the methods used as values (obj.method, uncalled).
	BoundMethods map[*syntax.Attribute]*BoundMethod
}

func newBody() *Body {
	return &Body{
		Types:      map[syntax.Expr]Type{},
		Uses:       map[*syntax.Name]*Object{},
		Attrs:      map[*syntax.Attribute]*Object{},
		Calls:      map[*syntax.Call]*CallInfo{},
		Targets:    map[syntax.Expr]*Object{},
		Fields:     map[*syntax.Attribute]*FieldRef{},
		Withs:      map[*syntax.With]*WithInfo{},
		Closures:   map[*syntax.FuncDef]*Function{},
		DefTargets: map[*syntax.FuncDef]*syntax.Name{},
		Lambdas:    map[*syntax.Lambda]*Function{},
		Raises:     map[*syntax.Raise]*RaiseInfo{},
		Handlers:   map[*syntax.Handler]*HandlerInfo{},
		Parallel:   map[*syntax.With]bool{},

		BoundMethods: map[*syntax.Attribute]*BoundMethod{},
	}
}

// TypeOf returns the final type of e.
func (b *Body) TypeOf(e syntax.Expr) Type {
	if t, ok := b.Types[e]; ok {
		return Resolve(t)
	}
	return nil
}

// WithInfo is a `with` statement on an object: the hidden local holding the
// context object and the synthesized __enter__/__exit__ calls.
type WithInfo struct {
	Ctx   *Object
	Enter *syntax.Call
	Try   *syntax.Try // the body, with __exit__ as its finally
}
