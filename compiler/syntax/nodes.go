// Package syntax holds the kernel language's abstract syntax tree, and the
// lexer and parser that build it from source. Every node carries the exact
// position of its first character so that every later diagnostic can point
// at the source.
package syntax

import "fmt"

// Pos is a source position: 1-based line and 1-based column counted in
// characters (runes), as editors and compilers print them.
type Pos struct {
	Line, Col int32
}

func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// IsKnown reports whether p was set.
func (p Pos) IsKnown() bool { return p.Line > 0 }

// Before reports whether p comes strictly before q.
func (p Pos) Before(q Pos) bool {
	return p.Line < q.Line || (p.Line == q.Line && p.Col < q.Col)
}

// Node is implemented by every syntax tree node.
type Node interface {
	Pos() Pos
	aNode()
}

type node struct{ P Pos }

func (n *node) Pos() Pos { return n.P }
func (*node) aNode()     {}

// File is one parsed source file (one kernel module).
type File struct {
	Name string // the file name as given to the parser (used in diagnostics)
	Body []Stmt
}

// ----------------------------------------------------------------------------
// Expressions

// Expr is implemented by every expression node.
type Expr interface {
	Node
	aExpr()
}

type expr struct{ node }

func (*expr) aExpr() {}

type (
	// Name is an identifier reference.
	Name struct {
		expr
		Value string
	}

	// IntLit is an integer literal. Text is the literal as written
	// (underscores removed, base prefix kept), so the type checker can range-check it.
	IntLit struct {
		expr
		Text string
	}

	// FloatLit is a floating-point literal.
	FloatLit struct {
		expr
		Value float64
		Text  string
	}

	// StrLit is a string literal (adjacent literals are concatenated).
	StrLit struct {
		expr
		Value string
		// FString is set when a part is an f-string (f"..."): its text is
		// kept as written. Kernels cannot use one; host code may
		// (compiler/types/hostcode.go).
		FString bool
	}

	// BytesLit is a bytes literal (b"...").
	BytesLit struct {
		expr
		Value []byte
	}

	// Constant is True, False, None or the Ellipsis `...` (as in a
	// `def f(): ...` stub body).
	Constant struct {
		expr
		Value string // "True", "False", "None" or "..."
	}

	// Unary is a unary operation: -x, +x, ~x, not x.
	Unary struct {
		expr
		Op Op // Sub, Add, Invert, Not
		X  Expr
	}

	// Binary is an arithmetic or bitwise binary operation. Its Pos is the
	// start of X; OpPos lets type errors point at the operator.
	Binary struct {
		expr
		Op    Op
		OpPos Pos
		X, Y  Expr
	}

	// BoolOp is a chain of `and` or `or`: X[0] op X[1] op ...
	BoolOp struct {
		expr
		Op Op // And or Or
		X  []Expr
	}

	// Compare is a (possibly chained) comparison: X Ops[0] Ys[0] Ops[1] Ys[1] ...
	// OpPos[i] is the position of Ops[i] (of `not` in `not in`, of `is` in `is not`).
	Compare struct {
		expr
		X     Expr
		Ops   []Op
		OpPos []Pos
		Ys    []Expr
	}

	// IfExp is `Then if Cond else Else`.
	IfExp struct {
		expr
		Cond, Then, Else Expr
	}

	// Call is a call: Fun(Args..., Keywords...). Its Pos is the start of
	// Fun; Lparen is the position of the opening parenthesis.
	Call struct {
		expr
		Fun      Expr
		Lparen   Pos
		Args     []Expr
		Keywords []*Keyword
	}

	// Attribute is X.Name.
	Attribute struct {
		expr
		X       Expr
		Name    string
		NamePos Pos
	}

	// Subscript is X[Index]; Index is a *Slice for X[a:b:c] and a *Tuple for X[a, b].
	Subscript struct {
		expr
		X     Expr
		Index Expr
	}

	// Slice is lo:hi:step inside a subscript; missing parts are nil.
	Slice struct {
		expr
		Lo, Hi, Step Expr
	}

	// List is a list display [a, b, c].
	List struct {
		expr
		Elts []Expr
	}

	// Tuple is a tuple display (a, b) or a bare a, b.
	Tuple struct {
		expr
		Elts []Expr
	}

	// ListComp is [Elt for ... in ... if ...].
	ListComp struct {
		expr
		Elt  Expr
		Gens []*Comprehension
	}

	// Lambda is lambda params: body.
	Lambda struct {
		expr
		Params []*Param
		Body   Expr
	}

	// Starred is *X (only valid in some contexts; the checker rejects the rest).
	Starred struct {
		expr
		X Expr
	}

	// Set is a set display {a, b}. Kernels have no sets, but decorator
	// arguments such as @rpc(flags={"async"}) are written as sets, so the
	// parser accepts them and the type checker rejects them elsewhere.
	Set struct {
		expr
		Elts []Expr
	}

	// Dict is a dict display {k: v, ...} (len(Keys) == len(Values)). Not a
	// kernel type; parsed so that device_db.py can be evaluated.
	Dict struct {
		expr
		Keys   []Expr
		Values []Expr
	}
)

// Keyword is a keyword argument name=Value in a call. Name is "" for a
// **Value argument, whose P is then the position of the `**`.
type Keyword struct {
	P     Pos
	Name  string
	Value Expr
}

// Comprehension is one `for Target in Iter if Ifs...` clause.
type Comprehension struct {
	P      Pos
	Target Expr
	Iter   Expr
	Ifs    []Expr
}

// ----------------------------------------------------------------------------
// Statements

// Stmt is implemented by every statement node.
type Stmt interface {
	Node
	aStmt()
}

type stmt struct{ node }

func (*stmt) aStmt() {}

type (
	// ExprStmt is an expression evaluated for its effect (a call, or a docstring).
	ExprStmt struct {
		stmt
		X Expr
	}

	// Assign is Targets[0] = Targets[1] = ... = Value.
	Assign struct {
		stmt
		Targets []Expr
		Value   Expr
	}

	// AugAssign is Target Op= Value; OpPos is the position of the operator.
	AugAssign struct {
		stmt
		Target Expr
		Op     Op
		OpPos  Pos
		Value  Expr
	}

	// AnnAssign is Target: Annotation [= Value].
	AnnAssign struct {
		stmt
		Target     Expr
		Annotation Expr
		Value      Expr // nil if absent
	}

	// If is if/elif/else; an elif is an If as the only statement of Else.
	If struct {
		stmt
		Cond Expr
		Body []Stmt
		Else []Stmt
	}

	// While is while Cond: Body else: Else.
	While struct {
		stmt
		Cond Expr
		Body []Stmt
		Else []Stmt
	}

	// For is for Target in Iter: Body else: Else.
	For struct {
		stmt
		Target Expr
		Iter   Expr
		Body   []Stmt
		Else   []Stmt
	}

	// Break is break.
	Break struct{ stmt }

	// Continue is continue.
	Continue struct{ stmt }

	// Pass is pass.
	Pass struct{ stmt }

	// Return is return [Value].
	Return struct {
		stmt
		Value Expr // nil for a bare return
	}

	// Assert is assert Cond[, Msg].
	Assert struct {
		stmt
		Cond Expr
		Msg  Expr // nil if absent
	}

	// Raise is raise [Exc].
	Raise struct {
		stmt
		Exc Expr // nil for a bare re-raise
	}

	// Global is global Names.
	Global struct {
		stmt
		Names []string
	}

	// Nonlocal is nonlocal Names.
	Nonlocal struct {
		stmt
		Names []string
	}

	// Import is import a.b.c [as d], ...
	Import struct {
		stmt
		Names []*Alias
	}

	// ImportFrom is from Module import names (Names is nil for `import *`).
	ImportFrom struct {
		stmt
		Module string
		Level  int // number of leading dots
		Names  []*Alias
		Star   bool
	}

	// FuncDef is a function definition. As in CPython, its Pos is the `def`
	// keyword, not the first decorator.
	FuncDef struct {
		stmt
		Decorators []Expr
		Name       string
		NamePos    Pos
		Params     []*Param
		Returns    Expr // nil if unannotated
		Body       []Stmt
	}

	// ClassDef is a class definition; its Pos is the `class` keyword.
	ClassDef struct {
		stmt
		Decorators []Expr
		Name       string
		NamePos    Pos
		Bases      []Expr
		Body       []Stmt
	}

	// Try is try/except/else/finally.
	Try struct {
		stmt
		Body     []Stmt
		Handlers []*Handler
		Else     []Stmt
		Finally  []Stmt
	}

	// With is with Items: Body.
	With struct {
		stmt
		Items []*WithItem
		Body  []Stmt
	}

	// Del is del Targets (parsed so it can be rejected with a good message).
	Del struct {
		stmt
		Targets []Expr
	}
)

// Alias is one name in an import: Name [as AsName].
type Alias struct {
	P      Pos
	Name   string // dotted for Import, simple for ImportFrom
	AsName string // "" if absent
}

// Param is one function parameter.
type Param struct {
	P          Pos
	Name       string
	Annotation Expr // nil if unannotated
	Default    Expr // nil if none
	Kind       ParamKind
}

// ParamKind distinguishes ordinary, *args, keyword-only and **kwargs parameters.
type ParamKind int

const (
	ParamNormal ParamKind = iota
	ParamVarArgs
	ParamKwOnly
	ParamVarKw
)

// Handler is one except clause: except Type as Name: Body. Type is nil for a bare except.
type Handler struct {
	P    Pos
	Type Expr
	Name string
	Body []Stmt
}

// WithItem is one `Context as Target` item of a with statement.
type WithItem struct {
	P       Pos
	Context Expr
	Target  Expr // nil if absent
}

// ----------------------------------------------------------------------------
// Operators

// Op is a unary, binary, boolean or comparison operator.
type Op int

const (
	_ Op = iota
	Add
	Sub
	Mul
	Div      // /
	FloorDiv // //
	Mod
	Pow
	LShift
	RShift
	BitAnd
	BitOr
	BitXor
	MatMul
	Invert // ~
	Not
	And
	Or
	Eq
	NotEq
	Lt
	LtE
	Gt
	GtE
	Is
	IsNot
	In
	NotIn
)

var opNames = [...]string{
	Add: "+", Sub: "-", Mul: "*", Div: "/", FloorDiv: "//", Mod: "%", Pow: "**",
	LShift: "<<", RShift: ">>", BitAnd: "&", BitOr: "|", BitXor: "^", MatMul: "@",
	Invert: "~", Not: "not", And: "and", Or: "or",
	Eq: "==", NotEq: "!=", Lt: "<", LtE: "<=", Gt: ">", GtE: ">=",
	Is: "is", IsNot: "is not", In: "in", NotIn: "not in",
}

func (op Op) String() string {
	if op > 0 && int(op) < len(opNames) {
		return opNames[op]
	}
	return fmt.Sprintf("Op(%d)", int(op))
}
