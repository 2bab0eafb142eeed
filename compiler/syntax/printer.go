package syntax

import (
	"fmt"
	"io"
	"strings"
)

// Fprint writes n (a *File, a Node or a []Stmt) as a compact
// S-expression, one top-level statement per line: (+ a (* b c)). Names and
// literals print bare, absent parts as _. With positions, every node is
// followed by @line:col (and operators by their own position). It is
// meant for tests and debugging; the format may change.
func Fprint(w io.Writer, n interface{}, positions bool) error {
	pr := printer{pos: positions}
	switch n := n.(type) {
	case *File:
		pr.stmts(n.Body, "\n")
	case []Stmt:
		pr.stmts(n, "\n")
	case Node:
		pr.node(n)
	default:
		return fmt.Errorf("syntax.Fprint: cannot print %T", n)
	}
	pr.b.WriteByte('\n')
	_, err := io.WriteString(w, pr.b.String())
	return err
}

// Sprint returns Fprint's output for n without positions and without the
// final newline.
func Sprint(n interface{}) string {
	var b strings.Builder
	if err := Fprint(&b, n, false); err != nil {
		return err.Error()
	}
	return strings.TrimSuffix(b.String(), "\n")
}

type printer struct {
	b   strings.Builder
	pos bool
}

func (p *printer) at(pos Pos) {
	if p.pos {
		fmt.Fprintf(&p.b, "@%d:%d", pos.Line, pos.Col)
	}
}

// open starts "(head@pos".
func (p *printer) open(head string, pos Pos) {
	p.b.WriteByte('(')
	p.b.WriteString(head)
	p.at(pos)
}

func (p *printer) close() { p.b.WriteByte(')') }

func (p *printer) sp() { p.b.WriteByte(' ') }

// kids prints " x y z".
func (p *printer) kids(xs ...Expr) {
	for _, x := range xs {
		p.sp()
		p.node(x)
	}
}

func (p *printer) stmts(list []Stmt, sep string) {
	for i, s := range list {
		if i > 0 {
			p.b.WriteString(sep)
		}
		p.node(s)
	}
}

// block prints " (head s1 s2)", or nothing for an empty optional block.
func (p *printer) block(head string, list []Stmt, optional bool) {
	if optional && len(list) == 0 {
		return
	}
	p.b.WriteString(" (")
	p.b.WriteString(head)
	for _, s := range list {
		p.sp()
		p.node(s)
	}
	p.close()
}

func (p *printer) node(n Node) {
	if n == nil {
		p.b.WriteByte('_')
		return
	}
	switch n := n.(type) {
	// expressions
	case *Name:
		p.b.WriteString(n.Value)
		p.at(n.P)
	case *IntLit:
		p.b.WriteString(n.Text)
		p.at(n.P)
	case *FloatLit:
		p.b.WriteString(n.Text)
		p.at(n.P)
	case *StrLit:
		fmt.Fprintf(&p.b, "%q", n.Value)
		p.at(n.P)
	case *BytesLit:
		fmt.Fprintf(&p.b, "b%q", n.Value)
		p.at(n.P)
	case *Constant:
		p.b.WriteString(n.Value)
		p.at(n.P)
	case *Unary:
		p.open(n.Op.String(), n.P)
		p.kids(n.X)
		p.close()
	case *Binary:
		p.open(n.Op.String(), n.P)
		if p.pos {
			fmt.Fprintf(&p.b, "^%d:%d", n.OpPos.Line, n.OpPos.Col)
		}
		p.kids(n.X, n.Y)
		p.close()
	case *BoolOp:
		p.open(n.Op.String(), n.P)
		p.kids(n.X...)
		p.close()
	case *Compare:
		p.open("cmp", n.P)
		p.kids(n.X)
		for i, op := range n.Ops {
			p.sp()
			p.b.WriteString(strings.ReplaceAll(op.String(), " ", "-"))
			if p.pos && i < len(n.OpPos) {
				fmt.Fprintf(&p.b, "^%d:%d", n.OpPos[i].Line, n.OpPos[i].Col)
			}
			if i < len(n.Ys) {
				p.kids(n.Ys[i])
			}
		}
		p.close()
	case *IfExp:
		p.open("ifexp", n.P)
		p.kids(n.Cond, n.Then, n.Else)
		p.close()
	case *Call:
		p.open("call", n.P)
		if p.pos {
			fmt.Fprintf(&p.b, "(%d:%d", n.Lparen.Line, n.Lparen.Col)
		}
		p.kids(n.Fun)
		p.kids(n.Args...)
		for _, k := range n.Keywords {
			p.sp()
			p.keyword(k)
		}
		p.close()
	case *Attribute:
		p.open(".", n.P)
		p.kids(n.X)
		p.sp()
		p.b.WriteString(n.Name)
		p.at(n.NamePos)
		p.close()
	case *Subscript:
		p.open("index", n.P)
		p.kids(n.X, n.Index)
		p.close()
	case *Slice:
		p.open("slice", n.P)
		p.kids(n.Lo, n.Hi, n.Step)
		p.close()
	case *List:
		p.open("list", n.P)
		p.kids(n.Elts...)
		p.close()
	case *Tuple:
		p.open("tuple", n.P)
		p.kids(n.Elts...)
		p.close()
	case *Set:
		p.open("set", n.P)
		p.kids(n.Elts...)
		p.close()
	case *Dict:
		p.open("dict", n.P)
		for i := range n.Keys {
			p.b.WriteString(" (")
			p.node(n.Keys[i])
			if i < len(n.Values) {
				p.kids(n.Values[i])
			}
			p.close()
		}
		p.close()
	case *ListComp:
		p.open("listcomp", n.P)
		p.kids(n.Elt)
		for _, c := range n.Gens {
			p.sp()
			p.open("for", c.P)
			p.kids(c.Target, c.Iter)
			for _, x := range c.Ifs {
				p.b.WriteString(" (if ")
				p.node(x)
				p.close()
			}
			p.close()
		}
		p.close()
	case *Lambda:
		p.open("lambda", n.P)
		p.params(n.Params)
		p.kids(n.Body)
		p.close()
	case *Starred:
		p.open("*", n.P)
		p.kids(n.X)
		p.close()

	// statements
	case *ExprStmt:
		p.open("expr", n.P)
		p.kids(n.X)
		p.close()
	case *Assign:
		p.open("=", n.P)
		p.kids(n.Targets...)
		p.kids(n.Value)
		p.close()
	case *AugAssign:
		p.open(n.Op.String()+"=", n.P)
		if p.pos {
			fmt.Fprintf(&p.b, "^%d:%d", n.OpPos.Line, n.OpPos.Col)
		}
		p.kids(n.Target, n.Value)
		p.close()
	case *AnnAssign:
		p.open("ann", n.P)
		p.kids(n.Target, n.Annotation, n.Value)
		p.close()
	case *If:
		p.open("if", n.P)
		p.kids(n.Cond)
		p.block("body", n.Body, false)
		p.block("else", n.Else, true)
		p.close()
	case *While:
		p.open("while", n.P)
		p.kids(n.Cond)
		p.block("body", n.Body, false)
		p.block("else", n.Else, true)
		p.close()
	case *For:
		p.open("for", n.P)
		p.kids(n.Target, n.Iter)
		p.block("body", n.Body, false)
		p.block("else", n.Else, true)
		p.close()
	case *Break:
		p.open("break", n.P)
		p.close()
	case *Continue:
		p.open("continue", n.P)
		p.close()
	case *Pass:
		p.open("pass", n.P)
		p.close()
	case *Return:
		p.open("return", n.P)
		if n.Value != nil {
			p.kids(n.Value)
		}
		p.close()
	case *Assert:
		p.open("assert", n.P)
		p.kids(n.Cond)
		if n.Msg != nil {
			p.kids(n.Msg)
		}
		p.close()
	case *Raise:
		p.open("raise", n.P)
		if n.Exc != nil {
			p.kids(n.Exc)
		}
		p.close()
	case *Global:
		p.open("global", n.P)
		for _, s := range n.Names {
			p.sp()
			p.b.WriteString(s)
		}
		p.close()
	case *Nonlocal:
		p.open("nonlocal", n.P)
		for _, s := range n.Names {
			p.sp()
			p.b.WriteString(s)
		}
		p.close()
	case *Import:
		p.open("import", n.P)
		p.aliases(n.Names)
		p.close()
	case *ImportFrom:
		p.open("from", n.P)
		p.sp()
		p.b.WriteString(strings.Repeat(".", n.Level) + n.Module)
		if n.Star {
			p.b.WriteString(" *")
		}
		p.aliases(n.Names)
		p.close()
	case *FuncDef:
		p.open("def", n.P)
		p.sp()
		p.b.WriteString(n.Name)
		p.at(n.NamePos)
		if len(n.Decorators) > 0 {
			p.b.WriteString(" (@")
			p.kids(n.Decorators...)
			p.close()
		}
		p.params(n.Params)
		if n.Returns != nil {
			p.b.WriteString(" (->")
			p.kids(n.Returns)
			p.close()
		}
		p.block("body", n.Body, false)
		p.close()
	case *ClassDef:
		p.open("class", n.P)
		p.sp()
		p.b.WriteString(n.Name)
		p.at(n.NamePos)
		if len(n.Decorators) > 0 {
			p.b.WriteString(" (@")
			p.kids(n.Decorators...)
			p.close()
		}
		if len(n.Bases) > 0 {
			p.b.WriteString(" (bases")
			p.kids(n.Bases...)
			p.close()
		}
		p.block("body", n.Body, false)
		p.close()
	case *Try:
		p.open("try", n.P)
		p.block("body", n.Body, false)
		for _, h := range n.Handlers {
			p.sp()
			p.open("except", h.P)
			p.kids(h.Type)
			if h.Name != "" {
				p.b.WriteString(" as " + h.Name)
			}
			p.block("body", h.Body, false)
			p.close()
		}
		p.block("else", n.Else, true)
		p.block("finally", n.Finally, true)
		p.close()
	case *With:
		p.open("with", n.P)
		for _, it := range n.Items {
			p.sp()
			p.open("item", it.P)
			p.kids(it.Context, it.Target)
			p.close()
		}
		p.block("body", n.Body, false)
		p.close()
	case *Del:
		p.open("del", n.P)
		p.kids(n.Targets...)
		p.close()
	default:
		fmt.Fprintf(&p.b, "(?%T)", n)
	}
}

func (p *printer) keyword(k *Keyword) {
	name := k.Name
	if name == "" {
		name = "**"
	}
	p.open("kw "+name, k.P)
	p.kids(k.Value)
	p.close()
}

func (p *printer) aliases(list []*Alias) {
	for _, a := range list {
		p.sp()
		p.b.WriteString(a.Name)
		p.at(a.P)
		if a.AsName != "" {
			p.b.WriteString(":" + a.AsName)
		}
	}
}

// params prints " (params (p a :T =v) (p* args) (pkw b) (p** kw))".
func (p *printer) params(list []*Param) {
	p.b.WriteString(" (params")
	for _, prm := range list {
		head := "p"
		switch prm.Kind {
		case ParamVarArgs:
			head = "p*"
		case ParamKwOnly:
			head = "pkw"
		case ParamVarKw:
			head = "p**"
		}
		p.sp()
		p.open(head+" "+prm.Name, prm.P)
		if prm.Annotation != nil {
			p.b.WriteString(" :")
			p.node(prm.Annotation)
		}
		if prm.Default != nil {
			p.b.WriteString(" =")
			p.node(prm.Default)
		}
		p.close()
	}
	p.close()
}
