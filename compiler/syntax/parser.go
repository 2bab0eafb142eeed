package syntax

// The parser is recursive descent over Python 3's grammar, restricted to
// what kernels can use; constructs kernels cannot have (f-strings, yield,
// async, comprehensions other than list ones, walrus, match, ...) are
// recognized and rejected by name rather than reported as garbage.
//
// Errors: the first error of a statement abandons it (panic/recover to
// the statement loop) and parsing goes on at the next statement, at most
// one error per line and maxErrors in all. An error the scanner cannot
// recover from (bad indentation, unclosed bracket at EOF) ends parsing,
// and the parser's own complaints past an unclosed bracket are dropped.

import (
	"fmt"
	"strings"
)

const (
	maxDepth  = 200 // expression nesting; deeper input is rejected, never a stack overflow
	maxErrors = 10
)

// Parse parses one kernel module. The returned errors are sorted and
// non-empty exactly when parsing failed; the file is then partial (it
// holds the statements that parsed). Parse never panics.
func Parse(filename string, src []byte) (*File, ErrorList) {
	var p parser
	p.file = filename
	p.scanner.init(src, p.scanReport)
	f := &File{Name: filename}
	func() {
		defer func() {
			if r := recover(); r != nil {
				if _, ok := r.(bailout); !ok {
					panic(r)
				}
			}
		}()
		p.next()
		p.stmts(&f.Body, false)
	}()
	p.finish()
	return f, p.errs
}

// The parser stops a statement, or everything, by panicking with one of
// these; Parse and stmtRecover recover them.
type (
	bailout  struct{} // stop parsing: too many errors, or the scanner gave up
	syncStmt struct{} // abandon the current statement and resynchronize
	specFail struct{} // a speculative parse failed; see tryParenWithItems
)

type parser struct {
	scanner
	file  string
	errs  ErrorList
	depth int  // expression nesting
	ntok  int  // tokens read, to guarantee progress
	spec  bool // speculating: an error only abandons the attempt

	// grouped maps a parenthesized expression to its '(' so that a larger
	// expression starting with it, (a + b) * c, starts at the parenthesis.
	grouped map[Expr]Pos

	// ctx are the definitions whose bodies are being parsed, outermost
	// first: an error records them (Error.Context).
	ctx []Stmt
}

// scanReport reports a scanner error: without a context (the scanner
// runs a token ahead of the parser's definitions).
func (p *parser) scanReport(pos Pos, msg string) {
	ctx := p.ctx
	p.ctx = nil
	defer func() { p.ctx = ctx }()
	p.report(pos, msg)
}

// inBody parses a definition's body with s on the context stack.
func (p *parser) inBody(s Stmt, body func()) {
	p.ctx = append(p.ctx, s)
	defer func() { p.ctx = p.ctx[:len(p.ctx)-1] }()
	body()
}

// start returns the position of the first character of x, including
// any parentheses around it.
func (p *parser) start(x Expr) Pos {
	if pos, ok := p.grouped[x]; ok {
		return pos
	}
	return x.Pos()
}

func (p *parser) next() {
	p.scanner.next()
	p.ntok++
}

// report records an error unless one was already reported on the same
// line: the first error on a line is the cause, later ones mostly noise.
func (p *parser) report(pos Pos, msg string) {
	p.reportHint(pos, msg, "")
}

func (p *parser) reportHint(pos Pos, msg, hint string) {
	if p.spec {
		panic(specFail{})
	}
	for _, e := range p.errs {
		if e.Pos.Line == pos.Line {
			return
		}
	}
	p.errs = append(p.errs, &Error{File: p.file, Pos: pos, Msg: msg, Hint: hint, Context: append([]Stmt(nil), p.ctx...)})
	// Constructs that kernels cannot use are exact, one per statement, and
	// host code may hold any number of them: they do not count (a parse
	// that stopped early would lose definitions silently).
	n := 0
	for _, e := range p.errs {
		if !strings.HasSuffix(e.Msg, " not supported in kernels") {
			n++
		}
	}
	if n >= maxErrors {
		panic(bailout{})
	}
}

// fail reports a syntax error and abandons the current statement.
func (p *parser) fail(pos Pos, format string, args ...interface{}) {
	p.failHint(pos, "", format, args...)
}

func (p *parser) failHint(pos Pos, hint, format string, args ...interface{}) {
	if p.stopped && !p.spec {
		// The scanner reported why the input ends here; anything the
		// parser would add is a consequence.
		panic(bailout{})
	}
	p.reportHint(pos, fmt.Sprintf(format, args...), hint)
	panic(syncStmt{})
}

// want fails with msg unless the current token is t. A few tokens get a
// better message wherever they turn up unexpectedly.
func (p *parser) want(t token, format string, args ...interface{}) {
	if p.tok == t {
		return
	}
	p.unexpected(format, args...)
}

func (p *parser) unexpected(format string, args ...interface{}) {
	switch p.tok {
	case _Walrus:
		p.fail(p.pos, "assignment expressions (':=') are not supported in kernels")
	case _Indent:
		p.fail(p.pos, "unexpected indent")
	}
	hint := ""
	if p.tok == _Assign {
		hint = "to compare values, use '=='"
	}
	p.failHint(p.pos, hint, format, args...)
}

// describe names the current token for a message.
func (p *parser) describe() string {
	switch p.tok {
	case _Name:
		return fmt.Sprintf("name '%s'", p.lit)
	case _Int, _Float:
		return "number"
	case _String:
		return "string literal"
	case _Newline:
		return "end of line"
	case _EOF:
		return "end of file"
	case _Indent, _Dedent:
		return p.tok.String()
	case _AugAssign:
		if p.op == Pow {
			return "'**='"
		}
		return "'" + p.op.String() + "='"
	}
	return "'" + p.tok.String() + "'"
}

// finish completes the error list after parsing stopped.
func (p *parser) finish() {
	if !p.stopped && p.tok != _EOF {
		// Parsing stopped early: still find out whether a bracket was
		// left open, since that explains every error after it.
		p.errh = func(Pos, string) {}
		for p.tok != _EOF {
			p.scanner.next()
		}
	}
	if u := p.unclosed; u.IsKnown() {
		// Inside a bracket that is never closed, newlines do not end
		// statements, so the parser's complaints past it are noise.
		var msg string
		keep := p.errs[:0]
		for _, e := range p.errs {
			if e.Pos == u && strings.HasSuffix(e.Msg, "was never closed") {
				msg = e.Msg
			}
			if !u.Before(e.Pos) {
				keep = append(keep, e)
			}
		}
		p.errs = keep
		if msg == "" {
			msg = fmt.Sprintf("'%c' was never closed", p.unclosedCh)
		}
		found := false
		for _, e := range p.errs {
			found = found || e.Pos == u
		}
		if !found {
			p.errs = append(p.errs, &Error{File: p.file, Pos: u, Msg: msg})
		}
	}
	p.errs.Sort()
}

// ----------------------------------------------------------------------------
// Statements

// stmts parses statements up to the end of the file or, in an indented
// block, up to its DEDENT.
func (p *parser) stmts(list *[]Stmt, indented bool) {
	for p.tok != _EOF && !(indented && p.tok == _Dedent) {
		n := p.ntok
		p.stmtRecover(list)
		if p.ntok == n {
			p.next() // cannot happen, but a parser must never loop
		}
	}
}

// stmtRecover parses one statement; after a syntax error it skips to the
// next statement so that later, independent errors are reported too.
func (p *parser) stmtRecover(list *[]Stmt) {
	depth := p.depth
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(syncStmt); !ok {
				panic(r)
			}
			p.depth = depth
			p.sync()
		}
	}()
	*list = p.stmt(*list)
}

// sync skips the rest of a bad statement, and the indented block that
// follows it (the body of a bad compound statement header): what that
// block means depends on the header, so errors in it would be guesses.
func (p *parser) sync() {
	for p.tok != _Newline && p.tok != _EOF && p.tok != _Dedent && p.tok != _Indent {
		p.next()
	}
	if p.tok == _Newline {
		p.next()
	}
	if p.tok == _Indent {
		p.skipBlock()
	}
}

// skipBlock skips an indented block starting at INDENT, unparsed.
func (p *parser) skipBlock() {
	depth := 0
	for p.tok != _EOF {
		switch p.tok {
		case _Indent:
			depth++
		case _Dedent:
			depth--
		}
		p.next()
		if depth == 0 {
			return
		}
	}
}

func (p *parser) stmt(list []Stmt) []Stmt {
	switch p.tok {
	case _Indent:
		p.report(p.pos, "unexpected indent")
		p.skipBlock()
		return list
	case _Newline:
		p.next() // a line that held only a line continuation
		return list
	case _Dedent:
		p.fail(p.pos, "invalid syntax: unexpected unindent")
	case _At:
		return append(list, p.decorated())
	case _Def:
		return append(list, p.funcDef(nil))
	case _Class:
		return append(list, p.classDef(nil))
	case _If:
		return append(list, p.ifStmt())
	case _While:
		return append(list, p.whileStmt())
	case _For:
		return append(list, p.forStmt())
	case _Try:
		return append(list, p.tryStmt())
	case _With:
		return append(list, p.withStmt())
	case _Async:
		p.fail(p.pos, "'async' is not supported in kernels")
	}
	return p.simpleStmts(list)
}

// simpleStmts parses simple statements separated by ';' up to the NEWLINE.
func (p *parser) simpleStmts(list []Stmt) []Stmt {
	for {
		list = append(list, p.simpleStmt())
		if p.tok != _Semi {
			break
		}
		p.next()
		if p.tok == _Newline {
			break
		}
	}
	if p.tok != _Newline {
		p.junkAfterStmt(list[len(list)-1])
	}
	p.next()
	return list
}

func (p *parser) junkAfterStmt(s Stmt) {
	if x, ok := s.(*ExprStmt); ok {
		if n, ok := x.X.(*Name); ok && p.startsExpr() {
			switch n.Value {
			case "print", "exec":
				p.fail(n.Pos(), "missing parentheses in call to '%s'; did you mean %s(...)?", n.Value, n.Value)
			case "match":
				p.fail(n.Pos(), "match statements are not supported in kernels")
			}
		}
	}
	switch p.tok {
	case _Name, _Int, _Float, _String, _Lparen, _Lbrack, _Lbrace, _True, _False, _None:
		p.failHint(p.pos, "is a ',' or an operator missing?", "invalid syntax: unexpected %s", p.describe())
	}
	p.unexpected("invalid syntax: unexpected %s", p.describe())
}

func (p *parser) atStmtEnd() bool {
	return p.tok == _Newline || p.tok == _Semi || p.tok == _EOF
}

func (p *parser) simpleStmt() Stmt {
	pos := p.pos
	switch p.tok {
	case _Pass:
		p.next()
		s := &Pass{}
		s.P = pos
		return s
	case _Break:
		p.next()
		s := &Break{}
		s.P = pos
		return s
	case _Continue:
		p.next()
		s := &Continue{}
		s.P = pos
		return s
	case _Return:
		p.next()
		s := &Return{}
		s.P = pos
		if !p.atStmtEnd() {
			s.Value = p.starExprs()
		}
		return s
	case _Raise:
		p.next()
		s := &Raise{}
		s.P = pos
		if !p.atStmtEnd() {
			s.Exc = p.expr()
			if p.tok == _From {
				p.fail(p.pos, "'raise ... from ...' is not supported in kernels")
			}
		}
		return s
	case _Assert:
		p.next()
		s := &Assert{Cond: p.expr()}
		s.P = pos
		if p.tok == _Comma {
			p.next()
			s.Msg = p.expr()
		}
		return s
	case _Global, _Nonlocal:
		kw := p.tok
		p.next()
		var names []string
		for {
			name, _ := p.name("expected a name after '%s'", kw)
			names = append(names, name)
			if p.tok != _Comma {
				break
			}
			p.next()
		}
		if kw == _Global {
			s := &Global{Names: names}
			s.P = pos
			return s
		}
		s := &Nonlocal{Names: names}
		s.P = pos
		return s
	case _Del:
		p.next()
		s := &Del{}
		s.P = pos
		for {
			t := p.bitOr()
			p.checkTarget(t, "delete")
			s.Targets = append(s.Targets, t)
			if p.tok != _Comma {
				break
			}
			p.next()
			if p.atStmtEnd() {
				break
			}
		}
		return s
	case _Import:
		return p.importStmt()
	case _From:
		return p.fromStmt()
	case _Elif:
		p.fail(pos, "'elif' does not follow an 'if' block")
	case _Else:
		p.fail(pos, "'else' does not follow an 'if', 'for', 'while' or 'try' block")
	case _Except, _Finally:
		p.fail(pos, "'%s' does not follow a 'try' block", p.tok)
	case _Def, _Class, _If, _While, _For, _Try, _With, _At:
		p.fail(pos, "invalid syntax: '%s' must start a new line", p.tok)
	}

	x := p.starExprs()
	switch p.tok {
	case _Assign:
		targets := []Expr{x}
		for p.tok == _Assign {
			p.next()
			targets = append(targets, p.starExprs())
		}
		value := targets[len(targets)-1]
		targets = targets[:len(targets)-1]
		for _, t := range targets {
			p.checkAssign(t)
		}
		s := &Assign{Targets: targets, Value: value}
		s.P = pos
		return s
	case _AugAssign:
		switch x.(type) {
		case *Name, *Attribute, *Subscript:
		default:
			p.fail(x.Pos(), "'%s' is an illegal expression for augmented assignment", describeExpr(x))
		}
		s := &AugAssign{Target: x, Op: p.op, OpPos: p.pos}
		s.P = pos
		p.next()
		s.Value = p.starExprs()
		return s
	case _Colon:
		if c, ok := x.(*Call); ok {
			if n, ok := c.Fun.(*Name); ok && n.Value == "match" {
				p.fail(n.Pos(), "match statements are not supported in kernels")
			}
		}
		switch x := x.(type) {
		case *Name, *Attribute, *Subscript:
		case *Tuple, *List:
			p.fail(x.Pos(), "only single target (not %s) can be annotated", describeExpr(x))
		default:
			p.fail(x.Pos(), "illegal target for annotation")
		}
		p.next()
		s := &AnnAssign{Target: x, Annotation: p.expr()}
		s.P = pos
		if p.tok == _Assign {
			p.next()
			s.Value = p.starExprs()
		}
		return s
	}
	s := &ExprStmt{X: x}
	s.P = pos
	return s
}

// describeExpr names the kind of an expression, as CPython's messages do.
func describeExpr(x Expr) string {
	switch x := x.(type) {
	case *Name:
		return "name"
	case *Attribute:
		return "attribute"
	case *Subscript:
		return "subscript"
	case *Starred:
		return "starred"
	case *Tuple:
		return "tuple"
	case *List:
		return "list"
	case *Call:
		return "function call"
	case *Constant:
		if x.Value == "..." {
			return "ellipsis"
		}
		return x.Value
	case *IntLit, *FloatLit, *StrLit, *BytesLit:
		return "literal"
	case *Compare:
		return "comparison"
	case *IfExp:
		return "conditional expression"
	case *Lambda:
		return "lambda"
	case *ListComp:
		return "list comprehension"
	case *Set:
		return "set display"
	case *Dict:
		return "dict literal"
	}
	return "expression"
}

// checkAssign reports an expression that cannot be assigned to.
func (p *parser) checkAssign(x Expr) {
	if s, ok := x.(*Starred); ok {
		p.fail(s.Pos(), "starred assignment target must be in a list or tuple")
	}
	p.checkTarget(x, "assign to")
}

// checkTarget reports an expression that cannot be assigned to (or
// deleted); verb is "assign to" or "delete".
func (p *parser) checkTarget(x Expr, verb string) {
	switch x := x.(type) {
	case *Name, *Attribute, *Subscript:
		return
	case *Tuple:
		p.checkElts(x.Elts, verb)
		return
	case *List:
		p.checkElts(x.Elts, verb)
		return
	case *Starred:
		if verb == "delete" {
			p.fail(x.Pos(), "cannot delete starred")
		}
		p.checkTarget(x.X, verb)
		return
	}
	hint := ""
	if verb == "assign to" {
		hint = "to compare values, use '=='"
	}
	p.failHint(x.Pos(), hint, "cannot %s %s", verb, describeExpr(x))
}

func (p *parser) checkElts(elts []Expr, verb string) {
	starred := false
	for _, e := range elts {
		if _, ok := e.(*Starred); ok {
			if starred && verb != "delete" {
				p.fail(e.Pos(), "multiple starred expressions in assignment")
			}
			starred = true
		}
		p.checkTarget(e, verb)
	}
}

func (p *parser) name(format string, args ...interface{}) (string, Pos) {
	p.want(_Name, format, args...)
	name, pos := p.lit, p.pos
	p.next()
	return name, pos
}

func (p *parser) dottedName(what string) string {
	name, _ := p.name("expected %s", what)
	for p.tok == _Dot {
		p.next()
		n, _ := p.name("expected a name after '.' in %s", what)
		name += "." + n
	}
	return name
}

func (p *parser) importStmt() Stmt {
	s := &Import{}
	s.P = p.pos
	p.next()
	for {
		a := &Alias{P: p.pos}
		a.Name = p.dottedName("module name")
		if p.tok == _As {
			p.next()
			a.AsName, _ = p.name("expected a name after 'as'")
		}
		s.Names = append(s.Names, a)
		if p.tok != _Comma {
			return s
		}
		p.next()
	}
}

func (p *parser) fromStmt() Stmt {
	s := &ImportFrom{}
	s.P = p.pos
	p.next()
	for p.tok == _Dot || p.tok == _Ellipsis {
		if p.tok == _Dot {
			s.Level++
		} else {
			s.Level += 3
		}
		p.next()
	}
	if p.tok == _Name || s.Level == 0 {
		s.Module = p.dottedName("module name after 'from'")
	}
	p.want(_Import, "expected 'import' after module name")
	p.next()
	switch p.tok {
	case _Star:
		p.next()
		s.Star = true
		return s
	case _Lparen:
		p.next()
		for {
			s.Names = append(s.Names, p.importAlias())
			if p.tok != _Comma {
				break
			}
			p.next()
			if p.tok == _Rparen {
				break
			}
		}
		p.want(_Rparen, "expected ',' or ')' after imported name")
		p.next()
		return s
	}
	for {
		s.Names = append(s.Names, p.importAlias())
		if p.tok != _Comma {
			return s
		}
		p.next()
		if p.atStmtEnd() {
			p.fail(p.pos, "trailing comma not allowed without surrounding parentheses")
		}
	}
}

func (p *parser) importAlias() *Alias {
	a := &Alias{P: p.pos}
	a.Name, _ = p.name("expected a name to import")
	if p.tok == _As {
		p.next()
		a.AsName, _ = p.name("expected a name after 'as'")
	}
	return a
}

// block parses the body after a compound statement's ':'. what and line
// name the statement for the error when the block is missing.
func (p *parser) block(what string, line int32) []Stmt {
	var body []Stmt
	if p.tok != _Newline {
		// simple statements on the same line: if x: pass
		return p.simpleStmts(body)
	}
	p.next()
	if p.tok != _Indent {
		p.fail(p.pos, "expected an indented block after %s on line %d", what, line)
	}
	p.next()
	p.stmts(&body, true)
	if p.tok == _Dedent {
		p.next()
	}
	return body
}

// colon consumes the ':' that ends a compound statement header.
func (p *parser) colon(after string) {
	p.want(_Colon, "expected ':' after %s", after)
	p.next()
}

func (p *parser) decorated() Stmt {
	var decs []Expr
	for p.tok == _At {
		p.next()
		decs = append(decs, p.expr())
		p.want(_Newline, "expected end of line after decorator")
		p.next()
	}
	switch p.tok {
	case _Def:
		return p.funcDef(decs)
	case _Class:
		return p.classDef(decs)
	case _Async:
		p.fail(p.pos, "'async' is not supported in kernels")
	}
	p.unexpected("expected 'def' or 'class' after decorator")
	return nil
}

func (p *parser) funcDef(decs []Expr) Stmt {
	s := &FuncDef{Decorators: decs}
	s.P = p.pos
	p.next()
	s.Name, s.NamePos = p.name("expected function name after 'def'")
	p.want(_Lparen, "expected '(' after function name")
	p.next()
	s.Params = p.params(_Rparen, true)
	p.want(_Rparen, "expected ',' or ')' in parameter list")
	p.next()
	if p.tok == _Arrow {
		p.next()
		s.Returns = p.expr()
	}
	p.colon("function signature")
	p.inBody(s, func() { s.Body = p.block("'def' statement", s.P.Line) })
	return s
}

// params parses a parameter list up to (not including) close. Lambdas
// (annotations false) have no annotations.
func (p *parser) params(close token, annotations bool) []*Param {
	var params []*Param
	kind := ParamNormal
	sawDefault := false
	var bareStar Pos // a '*' that still needs a keyword-only parameter
	var varKw *Param
	for p.tok != close {
		if varKw != nil {
			p.fail(p.pos, "arguments cannot follow var-keyword argument")
		}
		var prm *Param
		switch p.tok {
		case _Star:
			starPos := p.pos
			p.next()
			if kind == ParamKwOnly {
				p.fail(starPos, "* argument may appear only once")
			}
			kind = ParamKwOnly
			if p.tok != _Name {
				bareStar = starPos
				break
			}
			prm = p.param(ParamVarArgs, annotations)
		case _DStar:
			p.next()
			prm = p.param(ParamVarKw, annotations)
			varKw = prm
		case _Slash:
			p.fail(p.pos, "positional-only parameters ('/') are not supported in kernels")
		case _Name:
			prm = p.param(kind, annotations)
			if kind == ParamKwOnly {
				bareStar = Pos{}
			}
			if kind == ParamNormal {
				if prm.Default != nil {
					sawDefault = true
				} else if sawDefault {
					p.fail(prm.P, "non-default argument follows default argument")
				}
			}
		default:
			p.unexpected("expected a parameter name")
		}
		if prm != nil {
			for _, q := range params {
				if q.Name == prm.Name {
					p.fail(prm.P, "duplicate argument '%s' in function definition", prm.Name)
				}
			}
			params = append(params, prm)
		}
		if p.tok != _Comma {
			break
		}
		p.next()
	}
	if bareStar.IsKnown() {
		p.fail(bareStar, "named arguments must follow bare *")
	}
	return params
}

func (p *parser) param(kind ParamKind, annotations bool) *Param {
	prm := &Param{Kind: kind}
	prm.Name, prm.P = p.name("expected a parameter name")
	if annotations && p.tok == _Colon {
		p.next()
		prm.Annotation = p.expr()
	}
	if p.tok == _Assign {
		if kind == ParamVarArgs || kind == ParamVarKw {
			p.fail(p.pos, "var-positional and var-keyword parameters cannot have default values")
		}
		p.next()
		prm.Default = p.expr()
	}
	return prm
}

func (p *parser) classDef(decs []Expr) Stmt {
	s := &ClassDef{Decorators: decs}
	s.P = p.pos
	p.next()
	s.Name, s.NamePos = p.name("expected class name after 'class'")
	if p.tok == _Lparen {
		args, kws := p.args()
		if len(kws) > 0 {
			p.fail(kws[0].P, "keyword arguments in class bases are not supported in kernels")
		}
		s.Bases = args
	}
	p.colon("class name")
	p.inBody(s, func() { s.Body = p.block("'class' statement", s.P.Line) })
	return s
}

func (p *parser) ifStmt() Stmt {
	s := &If{}
	s.P = p.pos
	kw := p.tok
	p.next()
	s.Cond = p.expr()
	p.colon(kw.String() + " condition")
	s.Body = p.block(fmt.Sprintf("'%s' statement", kw), s.P.Line)
	switch p.tok {
	case _Elif:
		s.Else = []Stmt{p.ifStmt()}
	case _Else:
		s.Else = p.elseBlock()
	}
	return s
}

func (p *parser) elseBlock() []Stmt {
	line := p.pos.Line
	p.next()
	p.colon("'else'")
	return p.block("'else' statement", line)
}

func (p *parser) whileStmt() Stmt {
	s := &While{}
	s.P = p.pos
	p.next()
	s.Cond = p.expr()
	p.colon("while condition")
	s.Body = p.block("'while' statement", s.P.Line)
	if p.tok == _Else {
		s.Else = p.elseBlock()
	}
	return s
}

func (p *parser) forStmt() Stmt {
	s := &For{}
	s.P = p.pos
	p.next()
	s.Target = p.targetList()
	p.checkAssign(s.Target)
	p.want(_In, "expected 'in' after for loop target")
	p.next()
	s.Iter = p.starExprs()
	p.colon("for loop header")
	s.Body = p.block("'for' statement", s.P.Line)
	if p.tok == _Else {
		s.Else = p.elseBlock()
	}
	return s
}

func (p *parser) tryStmt() Stmt {
	s := &Try{}
	s.P = p.pos
	p.next()
	p.colon("'try'")
	s.Body = p.block("'try' statement", s.P.Line)
	var bare *Handler
	for p.tok == _Except {
		h := &Handler{P: p.pos}
		if bare != nil {
			p.fail(bare.P, "default 'except:' must be last")
		}
		p.next()
		if p.tok == _Star {
			p.fail(p.pos, "'except*' is not supported in kernels")
		}
		if p.tok != _Colon {
			h.Type = p.expr()
			if p.tok == _Comma {
				p.fail(h.Type.Pos(), "multiple exception types must be parenthesized")
			}
			if p.tok == _As {
				p.next()
				h.Name, _ = p.name("expected a name after 'as'")
			}
		} else {
			bare = h
		}
		p.colon("except clause")
		h.Body = p.block("'except' statement", h.P.Line)
		s.Handlers = append(s.Handlers, h)
	}
	if p.tok == _Else {
		if len(s.Handlers) == 0 {
			p.fail(p.pos, "expected 'except' or 'finally' block")
		}
		s.Else = p.elseBlock()
	}
	if p.tok == _Finally {
		line := p.pos.Line
		p.next()
		p.colon("'finally'")
		s.Finally = p.block("'finally' statement", line)
	} else if len(s.Handlers) == 0 {
		p.fail(p.pos, "expected 'except' or 'finally' block")
	}
	return s
}

func (p *parser) withStmt() Stmt {
	s := &With{}
	s.P = p.pos
	p.next()
	if p.tok == _Lparen {
		s.Items = p.tryParenWithItems()
	}
	if s.Items == nil {
		for {
			s.Items = append(s.Items, p.withItem())
			if p.tok != _Comma {
				break
			}
			p.next()
		}
	}
	p.colon("with items")
	s.Body = p.block("'with' statement", s.P.Line)
	return s
}

func (p *parser) withItem() *WithItem {
	it := &WithItem{P: p.pos}
	it.Context = p.expr()
	if p.tok == _As {
		p.next()
		it.Target = p.targetItem()
		p.checkAssign(it.Target)
	}
	return it
}

// tryParenWithItems parses `with (a as b, c):`, whose parentheses group
// the items, not an expression; it returns nil (having consumed nothing)
// when the parenthesis starts an expression instead, as in `with (a, b) as c:`.
func (p *parser) tryParenWithItems() (items []*WithItem) {
	saved := p.scanner
	saved.parens = append([]paren(nil), p.parens...)
	saved.indents = append([]indent(nil), p.indents...)
	ntok, depth := p.ntok, p.depth
	ok := false
	func() {
		defer func() {
			if r := recover(); r != nil {
				if _, isSpec := r.(specFail); !isSpec {
					panic(r)
				}
			}
		}()
		p.spec = true
		p.next()
		for {
			items = append(items, p.withItem())
			if p.tok != _Comma {
				break
			}
			p.next()
			if p.tok == _Rparen {
				break
			}
		}
		if p.tok == _Rparen {
			p.next()
			ok = p.tok == _Colon
		}
	}()
	p.spec = false
	if !ok {
		p.scanner = saved
		p.ntok, p.depth = ntok, depth
		return nil
	}
	return items
}

// ----------------------------------------------------------------------------
// Expressions

// enter and leave bound expression nesting. A syntax error unwinds without
// calling leave; stmtRecover restores the depth.
func (p *parser) enter() {
	p.depth++
	if p.depth > maxDepth {
		if !p.spec {
			p.reportHint(p.pos, "expression nested too deeply", "")
			panic(bailout{})
		}
		panic(specFail{})
	}
}

func (p *parser) leave() { p.depth-- }

func (p *parser) startsExpr() bool {
	switch p.tok {
	case _Name, _Int, _Float, _String, _True, _False, _None, _Ellipsis,
		_Lparen, _Lbrack, _Lbrace, _Minus, _Plus, _Tilde, _Not, _Lambda, _Await, _Star, _Yield:
		return true
	}
	return false
}

// starExprs parses a comma-separated list of expressions (a Tuple if
// there is a comma), with starred items allowed.
func (p *parser) starExprs() Expr {
	x := p.starExpr()
	if p.tok != _Comma {
		return x
	}
	t := &Tuple{Elts: []Expr{x}}
	t.P = p.start(x)
	for p.tok == _Comma {
		p.next()
		if !p.startsExpr() {
			break
		}
		t.Elts = append(t.Elts, p.starExpr())
	}
	return t
}

func (p *parser) starExpr() Expr {
	if p.tok == _Star {
		s := &Starred{}
		s.P = p.pos
		p.next()
		s.X = p.bitOr()
		return s
	}
	return p.expr()
}

// targetList parses the target of a for loop or comprehension: items at
// the bitwise-or level, so that `in` is left alone.
func (p *parser) targetList() Expr {
	x := p.targetItem()
	if p.tok != _Comma {
		return x
	}
	t := &Tuple{Elts: []Expr{x}}
	t.P = p.start(x)
	for p.tok == _Comma {
		p.next()
		if !p.startsExpr() {
			break
		}
		t.Elts = append(t.Elts, p.targetItem())
	}
	return t
}

func (p *parser) targetItem() Expr {
	if p.tok == _Star {
		s := &Starred{}
		s.P = p.pos
		p.next()
		s.X = p.bitOr()
		return s
	}
	return p.bitOr()
}

// expr parses an expression: a lambda, a conditional expression, or below.
func (p *parser) expr() Expr {
	p.enter()
	if p.tok == _Lambda {
		x := p.lambda()
		p.leave()
		return x
	}
	x := p.or()
	if p.tok == _If {
		p.next()
		e := &IfExp{Then: x, Cond: p.or()}
		e.P = p.start(x)
		p.want(_Else, "expected 'else' after 'if' expression")
		p.next()
		e.Else = p.expr()
		x = e
	}
	p.leave()
	return x
}

func (p *parser) lambda() Expr {
	l := &Lambda{}
	l.P = p.pos
	p.next()
	l.Params = p.params(_Colon, false)
	p.want(_Colon, "expected ':' after lambda parameters")
	p.next()
	l.Body = p.expr()
	return l
}

func (p *parser) or() Expr    { return p.boolOp(_Or, Or, p.and) }
func (p *parser) and() Expr   { return p.boolOp(_And, And, p.not) }
func (p *parser) bitOr() Expr { return p.binary(1) }

func (p *parser) boolOp(t token, op Op, operand func() Expr) Expr {
	x := operand()
	if p.tok != t {
		return x
	}
	b := &BoolOp{Op: op, X: []Expr{x}}
	b.P = p.start(x)
	for p.tok == t {
		p.next()
		b.X = append(b.X, operand())
	}
	return b
}

func (p *parser) not() Expr {
	if p.tok != _Not {
		return p.comparison()
	}
	u := &Unary{Op: Not}
	u.P = p.pos
	p.next()
	p.enter()
	u.X = p.not()
	p.leave()
	return u
}

func (p *parser) comparison() Expr {
	x := p.bitOr()
	var c *Compare
	for {
		op, pos := cmpops[p.tok], p.pos
		switch p.tok {
		case _Is:
			p.next()
			if p.tok == _Not {
				p.next()
				op = IsNot
			}
		case _Not:
			p.next()
			p.want(_In, "expected 'in' after 'not' in comparison")
			p.next()
		default:
			if op == 0 {
				if c == nil {
					return x
				}
				return c
			}
			p.next()
		}
		if c == nil {
			c = &Compare{X: x}
			c.P = p.start(x)
		}
		c.Ops = append(c.Ops, op)
		c.OpPos = append(c.OpPos, pos)
		c.Ys = append(c.Ys, p.bitOr())
	}
}

// binary parses binary operators of precedence prec and higher.
func (p *parser) binary(prec int) Expr {
	x := p.unary()
	for {
		b := binops[p.tok]
		if b.prec < prec || b.prec == 0 {
			return x
		}
		e := &Binary{Op: b.op, OpPos: p.pos, X: x}
		e.P = p.start(x)
		p.next()
		e.Y = p.binary(b.prec + 1)
		x = e
	}
}

func (p *parser) unary() Expr {
	var op Op
	switch p.tok {
	case _Minus:
		op = Sub
	case _Plus:
		op = Add
	case _Tilde:
		op = Invert
	case _Await:
		p.fail(p.pos, "'await' is not supported in kernels")
	default:
		return p.power()
	}
	u := &Unary{Op: op}
	u.P = p.pos
	p.next()
	p.enter()
	u.X = p.unary()
	p.leave()
	return u
}

// power parses x ** y, which binds tighter than a unary operator on its
// left (-2**2 is -(2**2)) and is right-associative.
func (p *parser) power() Expr {
	x := p.primary()
	if p.tok != _DStar {
		return x
	}
	e := &Binary{Op: Pow, OpPos: p.pos, X: x}
	e.P = p.start(x)
	p.next()
	p.enter()
	e.Y = p.unary()
	p.leave()
	return e
}

func (p *parser) primary() Expr {
	x := p.atom()
	for {
		switch p.tok {
		case _Dot:
			p.next()
			a := &Attribute{X: x}
			a.P = p.start(x)
			a.Name, a.NamePos = p.name("expected attribute name after '.'")
			x = a
		case _Lparen:
			c := &Call{Fun: x, Lparen: p.pos}
			c.P = p.start(x)
			c.Args, c.Keywords = p.args()
			x = c
		case _Lbrack:
			x = p.subscript(x)
		default:
			return x
		}
	}
}

// args parses a call's parenthesized arguments.
func (p *parser) args() (args []Expr, kws []*Keyword) {
	p.next()
	sawKw, sawKwUnpack := false, false
	for p.tok != _Rparen {
		switch p.tok {
		case _Star:
			s := &Starred{}
			s.P = p.pos
			if sawKwUnpack {
				p.fail(p.pos, "iterable argument unpacking follows keyword argument unpacking")
			}
			p.next()
			s.X = p.expr()
			args = append(args, s)
		case _DStar:
			k := &Keyword{P: p.pos}
			p.next()
			k.Value = p.expr()
			kws = append(kws, k)
			sawKwUnpack = true
		default:
			x := p.expr()
			switch p.tok {
			case _Assign:
				n, ok := x.(*Name)
				if !ok {
					p.fail(x.Pos(), `expression cannot contain assignment, perhaps you meant "=="?`)
				}
				for _, k := range kws {
					if k.Name == n.Value {
						p.fail(n.Pos(), "keyword argument repeated: %s", n.Value)
					}
				}
				p.next()
				kws = append(kws, &Keyword{P: n.Pos(), Name: n.Value, Value: p.expr()})
				sawKw = true
			case _For:
				p.fail(p.pos, "generator expressions are not supported in kernels")
			default:
				if sawKwUnpack {
					p.fail(x.Pos(), "positional argument follows keyword argument unpacking")
				}
				if sawKw {
					p.fail(x.Pos(), "positional argument follows keyword argument")
				}
				args = append(args, x)
			}
		}
		if p.tok != _Comma {
			break
		}
		p.next()
	}
	p.want(_Rparen, "expected ',' or ')' after argument")
	p.next()
	return args, kws
}

func (p *parser) subscript(x Expr) Expr {
	s := &Subscript{X: x}
	s.P = p.start(x)
	p.next()
	s.Index = p.sliceItem()
	if p.tok == _Comma {
		t := &Tuple{Elts: []Expr{s.Index}}
		t.P = p.start(s.Index)
		for p.tok == _Comma {
			p.next()
			if p.tok == _Rbrack {
				break
			}
			t.Elts = append(t.Elts, p.sliceItem())
		}
		s.Index = t
	}
	p.want(_Rbrack, "expected ',' or ']' in subscript")
	p.next()
	return s
}

func (p *parser) sliceItem() Expr {
	pos := p.pos
	var lo Expr
	if p.tok != _Colon {
		lo = p.starExpr()
		if p.tok != _Colon {
			return lo
		}
	}
	sl := &Slice{Lo: lo}
	sl.P = pos
	p.next()
	if p.tok != _Colon && p.tok != _Comma && p.tok != _Rbrack {
		sl.Hi = p.expr()
	}
	if p.tok == _Colon {
		p.next()
		if p.tok != _Comma && p.tok != _Rbrack {
			sl.Step = p.expr()
		}
	}
	return sl
}

func (p *parser) atom() Expr {
	pos := p.pos
	var x Expr
	switch p.tok {
	case _Name:
		x = &Name{Value: p.lit}
	case _Int:
		x = &IntLit{Text: p.lit}
	case _Float:
		x = &FloatLit{Value: p.fval, Text: p.lit}
	case _String:
		return p.strings()
	case _True, _False, _None, _Ellipsis:
		x = &Constant{Value: p.tok.String()}
	case _Lparen:
		return p.paren()
	case _Lbrack:
		return p.list()
	case _Lbrace:
		return p.brace()
	case _Yield:
		p.fail(pos, "'yield' is not supported in kernels")
	case _Await:
		p.fail(pos, "'await' is not supported in kernels")
	default:
		p.unexpected("expected expression")
	}
	setPos(x, pos)
	p.next()
	return x
}

// setPos sets the position of a freshly made expression.
func setPos(x Expr, pos Pos) {
	type positioned interface{ setPos(Pos) }
	x.(positioned).setPos(pos)
}

func (n *node) setPos(p Pos) { n.P = p }

// strings concatenates adjacent string literals.
func (p *parser) strings() Expr {
	pos, isBytes := p.pos, p.bytes
	var b strings.Builder
	fstring := false
	for p.tok == _String {
		if p.bytes != isBytes {
			p.fail(p.pos, "cannot mix bytes and nonbytes literals")
		}
		b.WriteString(p.lit)
		fstring = fstring || p.fstr
		p.next()
	}
	if isBytes {
		x := &BytesLit{Value: []byte(b.String())}
		x.P = pos
		return x
	}
	x := &StrLit{Value: b.String(), FString: fstring}
	x.P = pos
	return x
}

// paren parses (), (x), (x,) and (x, y, ...).
func (p *parser) paren() Expr {
	pos := p.pos
	p.next()
	t := &Tuple{}
	t.P = pos
	if p.tok == _Rparen {
		p.next()
		return t
	}
	x := p.starExpr()
	switch p.tok {
	case _For:
		p.fail(p.pos, "generator expressions are not supported in kernels")
	case _Rparen:
		if _, ok := x.(*Starred); ok {
			p.fail(x.Pos(), "cannot use starred expression here")
		}
		p.next()
		// As in Python, a parenthesized expression keeps its own position.
		if p.grouped == nil {
			p.grouped = make(map[Expr]Pos)
		}
		p.grouped[x] = pos
		return x
	}
	t.Elts = append(t.Elts, x)
	for p.tok == _Comma {
		p.next()
		if p.tok == _Rparen {
			break
		}
		t.Elts = append(t.Elts, p.starExpr())
	}
	p.want(_Rparen, "expected ',' or ')'")
	p.next()
	return t
}

// list parses a list display or a list comprehension.
func (p *parser) list() Expr {
	pos := p.pos
	p.next()
	l := &List{}
	l.P = pos
	if p.tok == _Rbrack {
		p.next()
		return l
	}
	x := p.starExpr()
	if p.tok == _For {
		c := &ListComp{Elt: x, Gens: p.comprehension()}
		c.P = pos
		p.want(_Rbrack, "expected ']' after list comprehension")
		p.next()
		return c
	}
	l.Elts = append(l.Elts, x)
	for p.tok == _Comma {
		p.next()
		if p.tok == _Rbrack {
			break
		}
		l.Elts = append(l.Elts, p.starExpr())
	}
	p.want(_Rbrack, "expected ',' or ']' in list")
	p.next()
	return l
}

func (p *parser) comprehension() []*Comprehension {
	var gens []*Comprehension
	for p.tok == _For {
		c := &Comprehension{P: p.pos}
		p.next()
		c.Target = p.targetList()
		p.checkAssign(c.Target)
		p.want(_In, "expected 'in' after comprehension target")
		p.next()
		c.Iter = p.or()
		for p.tok == _If {
			p.next()
			c.Ifs = append(c.Ifs, p.or())
		}
		gens = append(gens, c)
	}
	if p.tok == _Async {
		p.fail(p.pos, "'async' is not supported in kernels")
	}
	return gens
}

// brace parses a dict or set display.
func (p *parser) brace() Expr {
	pos := p.pos
	p.next()
	if p.tok == _Rbrace {
		p.next()
		d := &Dict{}
		d.P = pos
		return d
	}
	if p.tok == _DStar {
		p.fail(p.pos, "dict unpacking ('**') is not supported in kernels")
	}
	x := p.starExpr()
	if p.tok == _Colon {
		d := &Dict{}
		d.P = pos
		for {
			if p.tok == _DStar {
				p.fail(p.pos, "dict unpacking ('**') is not supported in kernels")
			}
			if len(d.Keys) > 0 {
				x = p.expr()
			}
			p.want(_Colon, "expected ':' after dict key")
			p.next()
			d.Keys = append(d.Keys, x)
			d.Values = append(d.Values, p.expr())
			if p.tok == _For {
				p.fail(p.pos, "dict comprehensions are not supported in kernels")
			}
			if p.tok != _Comma {
				break
			}
			p.next()
			if p.tok == _Rbrace {
				break
			}
		}
		p.want(_Rbrace, "expected ',' or '}' in dict")
		p.next()
		return d
	}
	if p.tok == _For {
		p.fail(p.pos, "set comprehensions are not supported in kernels")
	}
	s := &Set{Elts: []Expr{x}}
	s.P = pos
	for p.tok == _Comma {
		p.next()
		if p.tok == _Rbrace {
			break
		}
		s.Elts = append(s.Elts, p.starExpr())
	}
	p.want(_Rbrace, "expected ',' or '}' in set")
	p.next()
	return s
}
