package snapshot

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/rules-artiq/rules_artiq/compiler/syntax"
)

// exporterHint is the hint on every "cannot evaluate" error.
const exporterHint = "the snapshot evaluator reads only the forms documented in docs/snapshot.md; " +
	"for host code beyond them, freeze the snapshot from the live experiment with the Python exporter (python/rules_artiq_snapshot)"

// Limits that keep the evaluator finite on any input.
const (
	maxSteps     = 5_000_000
	maxCallDepth = 64
	maxElems     = 1 << 20
)

// interp evaluates Python source: device_db.py, experiments and drivers.
type interp struct {
	readFile func(string) ([]byte, error)
	paths    []string
	modules  map[string]*moduleV
	steps    int
	depth    int
	builtins map[string]value
	fz       *freezer // set while freezing an experiment
	// lostStmts are the functions whose bodies lost a statement to a
	// construct the parser rejects (hostcode.go): calling one is an error.
	lostStmts map[*syntax.FuncDef]*Error
}

func newInterp(readFile func(string) ([]byte, error), paths []string) *interp {
	if readFile == nil {
		readFile = os.ReadFile
	}
	ip := &interp{readFile: readFile, paths: paths, modules: map[string]*moduleV{}}
	ip.builtins = ip.makeBuiltins()
	return ip
}

func (ip *interp) step(pos Pos) error {
	ip.steps++
	if ip.steps > maxSteps {
		return &Error{Pos: pos, Msg: fmt.Sprintf("evaluation takes too long (more than %d steps)", maxSteps), Hint: exporterHint}
	}
	return nil
}

// charge counts the work of building n elements or bytes as steps.
func (ip *interp) charge(n int, pos Pos) error {
	ip.steps += n / 64
	return ip.step(pos)
}

func (ip *interp) errAt(pos Pos, format string, args ...interface{}) *Error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

func (ip *interp) unsupported(pos Pos, format string, args ...interface{}) *Error {
	return &Error{Pos: pos, Msg: "cannot evaluate " + fmt.Sprintf(format, args...), Hint: exporterHint}
}

// frame is one scope of execution.
type frame struct {
	mod       *moduleV
	file      string
	locals    map[string]value // nil at module level
	outer     *frame           // enclosing scope (comprehensions, lambdas)
	cls       *classV          // the class of the running method (super, name mangling)
	selfName  string           // the running method's first parameter
	classBody *classV          // set while executing a class body (locals == classBody.ns)
	ret       value
	lenient   bool // module level of an imported module: failed assignments bind an error value
}

func (fr *frame) pos(n syntax.Node) Pos {
	p := n.Pos()
	return Pos{File: fr.file, Line: int(p.Line), Col: int(p.Col)}
}

func posOf(file string, p syntax.Pos) Pos {
	return Pos{File: file, Line: int(p.Line), Col: int(p.Col)}
}

func (ip *interp) lookup(fr *frame, name string, pos Pos) (value, error) {
	for f := fr; f != nil; f = f.outer {
		if f.locals != nil {
			if v, ok := f.locals[name]; ok {
				return ip.checkErrV(v, name, pos)
			}
		}
	}
	if v, ok := fr.mod.globals[name]; ok {
		return ip.checkErrV(v, name, pos)
	}
	if v, ok := ip.builtins[name]; ok {
		return v, nil
	}
	return nil, ip.errAt(pos, "NameError: name '%s' is not defined", name)
}

// checkErrV passes a value read by name; an errV is passed on (its use
// reports the error), named for the messages.
func (ip *interp) checkErrV(v value, name string, pos Pos) (value, error) {
	if e, ok := v.(*errV); ok && e.desc == "" {
		return &errV{err: e.err, desc: name}, nil
	}
	return v, nil
}

// cond is the truth of a tested value; testing a value that could not be
// evaluated reports why.
func (ip *interp) cond(v value, pos Pos) (bool, error) {
	if e, ok := v.(*errV); ok {
		return false, e.used(pos)
	}
	return truth(v), nil
}

// used reports the error of a value that could not be evaluated, where a
// computation uses it.
func (e *errV) used(pos Pos) error {
	name := e.desc
	if name == "" {
		name = "the value"
	}
	return usedErr(e.err, name, pos)
}

// usedErr reports an error value's cause where the value is used.
func usedErr(err error, name string, pos Pos) error {
	var e *Error
	if errors.As(err, &e) {
		c := *e
		c.Msg = fmt.Sprintf("%s (%s is used at %s)", e.Msg, name, pos)
		return &c
	}
	return &Error{Pos: pos, Msg: fmt.Sprintf("%s could not be evaluated: %v", name, err), Hint: exporterHint}
}

func (fr *frame) set(name string, v value, pos Pos) {
	if fr.locals != nil {
		fr.locals[name] = v
		if fr.classBody != nil {
			fr.classBody.nsPos[name] = pos
		}
		return
	}
	fr.mod.globals[name] = v
}

// mangle applies Python's private name mangling inside a class.
func (fr *frame) mangle(name string) string {
	if fr.cls == nil || !strings.HasPrefix(name, "__") || strings.HasSuffix(name, "__") {
		return name
	}
	c := strings.TrimLeft(fr.cls.name, "_")
	if c == "" {
		return name
	}
	return "_" + c + name
}

// ----------------------------------------------------------------------------
// Modules

// builtinModuleNames are provided by the evaluator itself, whatever is on
// the path: the ARTIQ language (host side) and NumPy/math.
func isBuiltinModule(name string) bool {
	switch name {
	case "artiq", "artiq.experiment", "artiq.language", "artiq.language.core",
		"artiq.language.environment", "artiq.language.units", "artiq.language.types",
		"artiq.language.scan", "numpy", "math", "__future__", "typing":
		return true
	}
	return false
}

func (ip *interp) loadModule(name string, pos Pos) (*moduleV, error) {
	if m, ok := ip.modules[name]; ok {
		return m, nil
	}
	if isBuiltinModule(name) {
		m := ip.builtinModule(name)
		ip.modules[name] = m
		return m, nil
	}
	rel := strings.ReplaceAll(name, ".", "/")
	for _, dir := range ip.paths {
		for _, cand := range []string{filepath.Join(dir, rel+".py"), filepath.Join(dir, rel, "__init__.py")} {
			src, err := ip.readFile(cand)
			if err != nil {
				continue
			}
			return ip.execModule(name, filepath.ToSlash(cand), src, true)
		}
	}
	m := &moduleV{name: name, globals: map[string]value{"__name__": name}, missing: true}
	ip.modules[name] = m
	return m, nil
}

// execModule parses and runs a module's top level.
func (ip *interp) execModule(name, file string, src []byte, lenient bool) (*moduleV, error) {
	m := &moduleV{name: name, file: file, globals: map[string]value{"__name__": name}}
	ip.modules[name] = m
	f, errs := syntax.Parse(file, src)
	if len(errs) > 0 && !ip.unsupportedInFunctions(errs) { // hostcode.go
		var out ErrorList
		for _, e := range errs {
			out = append(out, &Error{Pos: posOf(e.File, e.Pos), Msg: e.Msg, Hint: exporterHint})
		}
		delete(ip.modules, name)
		return nil, out
	}
	fr := &frame{mod: m, file: file, lenient: lenient}
	if _, err := ip.execBlock(fr, f.Body); err != nil {
		delete(ip.modules, name)
		return nil, err
	}
	return m, nil
}

func (ip *interp) missingModule(m *moduleV, pos Pos) error {
	return &Error{Pos: pos, Msg: fmt.Sprintf("module %s is not available to the snapshot evaluator (not found on the path: %s)",
		m.name, strings.Join(ip.paths, ", ")), Hint: exporterHint}
}

// ----------------------------------------------------------------------------
// Statements

type ctl int

const (
	ctlNone ctl = iota
	ctlBreak
	ctlContinue
	ctlReturn
)

func (ip *interp) execBlock(fr *frame, body []syntax.Stmt) (ctl, error) {
	for _, s := range body {
		c, err := ip.exec(fr, s)
		if err != nil || c != ctlNone {
			return c, err
		}
	}
	return ctlNone, nil
}

func (ip *interp) exec(fr *frame, s syntax.Stmt) (ctl, error) {
	pos := fr.pos(s)
	if err := ip.step(pos); err != nil {
		return ctlNone, err
	}
	switch s := s.(type) {
	case *syntax.ExprStmt:
		if _, ok := s.X.(*syntax.StrLit); ok {
			return ctlNone, nil // docstring
		}
		_, err := ip.eval(fr, s.X)
		return ctlNone, err
	case *syntax.Assign:
		v, err := ip.eval(fr, s.Value)
		if err != nil {
			if fr.lenient && fr.locals == nil {
				for _, t := range s.Targets {
					if n, ok := t.(*syntax.Name); ok {
						fr.set(n.Value, &errV{err: err}, fr.pos(n))
					}
				}
				return ctlNone, nil
			}
			return ctlNone, err
		}
		for _, t := range s.Targets {
			if err := ip.assign(fr, t, v); err != nil {
				return ctlNone, err
			}
		}
		return ctlNone, nil
	case *syntax.AugAssign:
		return ctlNone, ip.augAssign(fr, s)
	case *syntax.AnnAssign:
		if fr.classBody != nil {
			if n, ok := s.Target.(*syntax.Name); ok {
				fr.classBody.ann[n.Value] = s
				fr.classBody.annFile = fr.file
			}
		}
		if s.Value == nil {
			return ctlNone, nil
		}
		v, err := ip.eval(fr, s.Value)
		if err != nil {
			return ctlNone, err
		}
		return ctlNone, ip.assign(fr, s.Target, v)
	case *syntax.If:
		c, err := ip.eval(fr, s.Cond)
		if err != nil {
			return ctlNone, err
		}
		t, err := ip.cond(c, fr.pos(s.Cond))
		if err != nil {
			return ctlNone, err
		}
		if t {
			return ip.execBlock(fr, s.Body)
		}
		return ip.execBlock(fr, s.Else)
	case *syntax.While:
		for {
			c, err := ip.eval(fr, s.Cond)
			if err != nil {
				return ctlNone, err
			}
			t, err := ip.cond(c, fr.pos(s.Cond))
			if err != nil {
				return ctlNone, err
			}
			if !t {
				return ip.execBlock(fr, s.Else)
			}
			k, err := ip.execBlock(fr, s.Body)
			if err != nil {
				return ctlNone, err
			}
			if k == ctlBreak {
				return ctlNone, nil
			}
			if k == ctlReturn {
				return k, nil
			}
		}
	case *syntax.For:
		it, err := ip.eval(fr, s.Iter)
		if err != nil {
			return ctlNone, err
		}
		var result ctl
		broke := false
		err = ip.iterate(it, fr.pos(s.Iter), func(v value) (bool, error) {
			if err := ip.assign(fr, s.Target, v); err != nil {
				return false, err
			}
			k, err := ip.execBlock(fr, s.Body)
			if err != nil {
				return false, err
			}
			switch k {
			case ctlBreak:
				broke = true
				return false, nil
			case ctlReturn:
				result = ctlReturn
				return false, nil
			}
			return true, nil
		})
		if err != nil || result == ctlReturn {
			return result, err
		}
		if !broke {
			return ip.execBlock(fr, s.Else)
		}
		return ctlNone, nil
	case *syntax.Break:
		return ctlBreak, nil
	case *syntax.Continue:
		return ctlContinue, nil
	case *syntax.Pass:
		return ctlNone, nil
	case *syntax.Return:
		fr.ret = noneV
		if s.Value != nil {
			v, err := ip.eval(fr, s.Value)
			if err != nil {
				return ctlNone, err
			}
			fr.ret = v
		}
		return ctlReturn, nil
	case *syntax.Assert:
		c, err := ip.eval(fr, s.Cond)
		if err != nil {
			return ctlNone, err
		}
		t, err := ip.cond(c, fr.pos(s.Cond))
		if err != nil {
			return ctlNone, err
		}
		if !t {
			msg := ""
			if s.Msg != nil {
				m, err := ip.eval(fr, s.Msg)
				if err != nil {
					return ctlNone, err
				}
				msg, err = ip.str(m, pos)
				if err != nil {
					return ctlNone, err
				}
			}
			return ctlNone, ip.errAt(pos, "AssertionError: %s", msg)
		}
		return ctlNone, nil
	case *syntax.Raise:
		if s.Exc == nil {
			return ctlNone, ip.errAt(pos, "re-raise outside an exception handler")
		}
		v, err := ip.eval(fr, s.Exc)
		if err != nil {
			return ctlNone, err
		}
		return ctlNone, ip.raised(v, pos)
	case *syntax.Import:
		for _, a := range s.Names {
			apos := posOf(fr.file, a.P)
			parts := strings.Split(a.Name, ".")
			var top, last *moduleV
			for i := range parts {
				m, err := ip.loadModule(strings.Join(parts[:i+1], "."), apos)
				if err != nil {
					if fr.lenient {
						fr.set(parts[0], &errV{err: err}, apos)
						break
					}
					return ctlNone, err
				}
				if last != nil {
					last.globals[parts[i]] = m
				}
				if top == nil {
					top = m
				}
				last = m
			}
			if last == nil {
				continue
			}
			if a.AsName != "" {
				fr.set(a.AsName, last, apos)
			} else {
				fr.set(parts[0], top, apos)
			}
		}
		return ctlNone, nil
	case *syntax.ImportFrom:
		return ctlNone, ip.importFrom(fr, s)
	case *syntax.FuncDef:
		f, err := ip.makeFunc(fr, s)
		if err != nil {
			if fr.lenient {
				fr.set(s.Name, &errV{err: err}, posOf(fr.file, s.NamePos))
				return ctlNone, nil
			}
			return ctlNone, err
		}
		fr.set(s.Name, f, posOf(fr.file, s.NamePos))
		return ctlNone, nil
	case *syntax.ClassDef:
		c, err := ip.makeClass(fr, s)
		if err != nil {
			if fr.lenient {
				fr.set(s.Name, &errV{err: err}, posOf(fr.file, s.NamePos))
				return ctlNone, nil
			}
			return ctlNone, err
		}
		fr.set(s.Name, c, posOf(fr.file, s.NamePos))
		return ctlNone, nil
	case *syntax.Del:
		for _, t := range s.Targets {
			if err := ip.del(fr, t); err != nil {
				return ctlNone, err
			}
		}
		return ctlNone, nil
	case *syntax.Try:
		return ctlNone, ip.unsupported(pos, "try statements")
	case *syntax.With:
		return ctlNone, ip.unsupported(pos, "with statements")
	case *syntax.Global, *syntax.Nonlocal:
		return ctlNone, ip.unsupported(pos, "global and nonlocal statements")
	}
	return ctlNone, ip.unsupported(pos, "this statement")
}

func (ip *interp) raised(v value, pos Pos) error {
	if c, ok := v.(*classV); ok {
		v2, err := ip.call(c, nil, nil, pos)
		if err != nil {
			return err
		}
		v = v2
	}
	o, ok := v.(*instance)
	if !ok || !o.cls.isException() {
		return ip.errAt(pos, "TypeError: exceptions must derive from BaseException")
	}
	msg := ""
	if a, ok := o.attrs["args"].(*tupleV); ok {
		switch len(a.elems) {
		case 0:
		case 1:
			msg, _ = ip.str(a.elems[0], pos)
		default:
			msg, _ = ip.str(a, pos)
		}
	}
	if msg == "" {
		return ip.errAt(pos, "%s raised", o.cls.name)
	}
	return ip.errAt(pos, "%s: %s", o.cls.name, msg)
}

func (c *classV) isException() bool {
	for _, k := range c.mro {
		if k.builtin && k.name == "BaseException" {
			return true
		}
	}
	return false
}

func (ip *interp) importFrom(fr *frame, s *syntax.ImportFrom) error {
	pos := fr.pos(s)
	name := s.Module
	if s.Level > 0 {
		parts := strings.Split(fr.mod.name, ".")
		if fr.mod.file != "" && strings.HasSuffix(fr.mod.file, "__init__.py") {
			parts = append(parts, "")
		}
		if s.Level > len(parts)-1 {
			return ip.errAt(pos, "ImportError: relative import beyond the top-level package")
		}
		base := strings.Join(parts[:len(parts)-s.Level], ".")
		if name == "" {
			name = base
		} else if base != "" {
			name = base + "." + name
		}
	}
	m, err := ip.loadModule(name, pos)
	if err != nil {
		if fr.lenient {
			for _, a := range s.Names {
				fr.set(aliasName(a), &errV{err: err, desc: name + "." + a.Name}, posOf(fr.file, a.P))
			}
			return nil
		}
		return err
	}
	if s.Star {
		if m.missing {
			if fr.lenient {
				return nil
			}
			return ip.missingModule(m, pos)
		}
		names := publicNames(m)
		for _, n := range names {
			fr.set(n, m.globals[n], pos)
		}
		return nil
	}
	for _, a := range s.Names {
		apos := posOf(fr.file, a.P)
		var v value
		if m.missing {
			v = &errV{err: ip.missingModule(m, apos), desc: name + "." + a.Name}
		} else if g, ok := m.globals[a.Name]; ok {
			v = g
		} else {
			sub, err := ip.loadModule(name+"."+a.Name, apos)
			if err != nil {
				v = &errV{err: err, desc: name + "." + a.Name}
			} else if sub.missing {
				v = &errV{err: ip.errAt(apos, "ImportError: cannot import name '%s' from %s", a.Name, name), desc: name + "." + a.Name}
			} else {
				v = sub
			}
		}
		if e, ok := v.(*errV); ok && !fr.lenient {
			return e.err
		}
		fr.set(aliasName(a), v, apos)
	}
	return nil
}

func aliasName(a *syntax.Alias) string {
	if a.AsName != "" {
		return a.AsName
	}
	return a.Name
}

func publicNames(m *moduleV) []string {
	if all, ok := m.globals["__all__"]; ok {
		var out []string
		switch l := all.(type) {
		case *listV:
			for _, e := range l.elems {
				if s, ok := e.(string); ok {
					out = append(out, s)
				}
			}
		case *tupleV:
			for _, e := range l.elems {
				if s, ok := e.(string); ok {
					out = append(out, s)
				}
			}
		}
		return out
	}
	var out []string
	for _, n := range sortedKeys(m.globals) {
		if !strings.HasPrefix(n, "_") {
			out = append(out, n)
		}
	}
	return out
}

func (ip *interp) makeFunc(fr *frame, s *syntax.FuncDef) (*funcV, error) {
	f := &funcV{name: s.Name, params: s.Params, body: s.Body, mod: fr.mod, file: fr.file,
		defaults: map[string]value{}, pos: fr.pos(s), cls: fr.classBody, unsupported: ip.lostStmts[s]}
	if fr.classBody == nil {
		f.cls = fr.cls
	}
	for _, d := range s.Decorators {
		f.decos = append(f.decos, decoratorName(d))
	}
	for _, p := range s.Params {
		if p.Default != nil {
			v, err := ip.eval(fr, p.Default)
			if err != nil {
				return nil, err
			}
			f.defaults[p.Name] = v
		}
	}
	return f, nil
}

// decoratorName returns the last name of a decorator: kernel for @kernel,
// rpc for @rpc(flags={"async"}), kernel for @artiq.language.core.kernel.
func decoratorName(d syntax.Expr) string {
	if c, ok := d.(*syntax.Call); ok {
		d = c.Fun
	}
	switch d := d.(type) {
	case *syntax.Name:
		return d.Value
	case *syntax.Attribute:
		return d.Name
	}
	return "?"
}

func (ip *interp) makeClass(fr *frame, s *syntax.ClassDef) (*classV, error) {
	c := &classV{name: s.Name, module: fr.mod.name, ns: map[string]value{}, nsPos: map[string]Pos{},
		ann: map[string]*syntax.AnnAssign{}, origin: posOf(fr.file, s.NamePos)}
	for _, b := range s.Bases {
		v, err := ip.eval(fr, b)
		if err != nil {
			return nil, err
		}
		bc, ok := v.(*classV)
		if !ok {
			return nil, ip.unsupported(fr.pos(b), "a class base that is not a class (%s)", typeName(v))
		}
		c.bases = append(c.bases, bc)
	}
	if len(c.bases) == 0 {
		c.bases = []*classV{ip.builtins["object"].(*classV)}
	}
	mro, err := c3(c)
	if err != nil {
		return nil, ip.errAt(posOf(fr.file, s.NamePos), "TypeError: %v", err)
	}
	c.mro = mro
	body := &frame{mod: fr.mod, file: fr.file, locals: c.ns, classBody: c, cls: c}
	if _, err := ip.execBlock(body, s.Body); err != nil {
		return nil, err
	}
	return c, nil
}

// c3 computes the method resolution order.
func c3(c *classV) ([]*classV, error) {
	var seqs [][]*classV
	for _, b := range c.bases {
		seqs = append(seqs, append([]*classV{}, b.mro...))
	}
	seqs = append(seqs, append([]*classV{}, c.bases...))
	out := []*classV{c}
	for {
		empty := true
		for _, s := range seqs {
			if len(s) > 0 {
				empty = false
			}
		}
		if empty {
			return out, nil
		}
		var cand *classV
		for _, s := range seqs {
			if len(s) == 0 {
				continue
			}
			h := s[0]
			inTail := false
			for _, t := range seqs {
				for _, x := range t[min(1, len(t)):] {
					if x == h {
						inTail = true
					}
				}
			}
			if !inTail {
				cand = h
				break
			}
		}
		if cand == nil {
			return nil, fmt.Errorf("cannot create a consistent method resolution order for %s", c.name)
		}
		out = append(out, cand)
		for i, s := range seqs {
			if len(s) > 0 && s[0] == cand {
				seqs[i] = s[1:]
			}
		}
	}
}

func (ip *interp) assign(fr *frame, t syntax.Expr, v value) error {
	pos := fr.pos(t)
	switch t := t.(type) {
	case *syntax.Name:
		fr.set(t.Value, v, pos)
		return nil
	case *syntax.Attribute:
		x, err := ip.eval(fr, t.X)
		if err != nil {
			return err
		}
		return ip.setAttr(x, fr.mangle(t.Name), v, posOf(fr.file, t.NamePos), pos)
	case *syntax.Subscript:
		x, err := ip.eval(fr, t.X)
		if err != nil {
			return err
		}
		if _, ok := t.Index.(*syntax.Slice); ok {
			return ip.unsupported(pos, "assignment to a slice")
		}
		k, err := ip.eval(fr, t.Index)
		if err != nil {
			return err
		}
		return ip.setItem(x, k, v, pos)
	case *syntax.Tuple, *syntax.List:
		var elts []syntax.Expr
		if tt, ok := t.(*syntax.Tuple); ok {
			elts = tt.Elts
		} else {
			elts = t.(*syntax.List).Elts
		}
		vals, err := ip.toSlice(v, pos)
		if err != nil {
			return err
		}
		star := -1
		for i, e := range elts {
			if _, ok := e.(*syntax.Starred); ok {
				star = i
			}
		}
		if star < 0 {
			if len(vals) != len(elts) {
				return ip.errAt(pos, "ValueError: cannot unpack %d values into %d targets", len(vals), len(elts))
			}
			for i, e := range elts {
				if err := ip.assign(fr, e, vals[i]); err != nil {
					return err
				}
			}
			return nil
		}
		after := len(elts) - star - 1
		if len(vals) < star+after {
			return ip.errAt(pos, "ValueError: not enough values to unpack")
		}
		for i := 0; i < star; i++ {
			if err := ip.assign(fr, elts[i], vals[i]); err != nil {
				return err
			}
		}
		mid := &listV{elems: append([]value{}, vals[star:len(vals)-after]...)}
		if err := ip.assign(fr, elts[star].(*syntax.Starred).X, mid); err != nil {
			return err
		}
		for i := 0; i < after; i++ {
			if err := ip.assign(fr, elts[star+1+i], vals[len(vals)-after+i]); err != nil {
				return err
			}
		}
		return nil
	}
	return ip.unsupported(pos, "assignment to this target")
}

func (ip *interp) del(fr *frame, t syntax.Expr) error {
	pos := fr.pos(t)
	switch t := t.(type) {
	case *syntax.Name:
		if fr.locals != nil {
			delete(fr.locals, t.Value)
		} else {
			delete(fr.mod.globals, t.Value)
		}
		return nil
	case *syntax.Subscript:
		x, err := ip.eval(fr, t.X)
		if err != nil {
			return err
		}
		k, err := ip.eval(fr, t.Index)
		if err != nil {
			return err
		}
		switch x := x.(type) {
		case *dictV:
			ok, err := ip.dictDelete(x, k, pos)
			if err != nil {
				return err
			}
			if !ok {
				r, _ := ip.repr(k, pos)
				return ip.errAt(pos, "KeyError: %s", r)
			}
			return nil
		case *listV:
			i, err := ip.index(k, len(x.elems), pos)
			if err != nil {
				return err
			}
			x.elems = append(x.elems[:i:i], x.elems[i+1:]...)
			return nil
		}
	case *syntax.Attribute:
		x, err := ip.eval(fr, t.X)
		if err != nil {
			return err
		}
		if o, ok := x.(*instance); ok {
			delete(o.attrs, fr.mangle(t.Name))
			return nil
		}
	}
	return ip.unsupported(pos, "this del statement")
}

func (ip *interp) augAssign(fr *frame, s *syntax.AugAssign) error {
	pos := fr.pos(s)
	// Read the current value, evaluating the target's parts once.
	var cur value
	var store func(value) error
	switch t := s.Target.(type) {
	case *syntax.Name:
		v, err := ip.lookup(fr, t.Value, pos)
		if err != nil {
			return err
		}
		cur = v
		store = func(v value) error { fr.set(t.Value, v, pos); return nil }
	case *syntax.Attribute:
		x, err := ip.eval(fr, t.X)
		if err != nil {
			return err
		}
		name := fr.mangle(t.Name)
		npos := posOf(fr.file, t.NamePos)
		if cur, err = ip.getAttr(x, name, npos); err != nil {
			return err
		}
		store = func(v value) error { return ip.setAttr(x, name, v, npos, pos) }
	case *syntax.Subscript:
		x, err := ip.eval(fr, t.X)
		if err != nil {
			return err
		}
		k, err := ip.eval(fr, t.Index)
		if err != nil {
			return err
		}
		if cur, err = ip.getItem(x, k, pos); err != nil {
			return err
		}
		store = func(v value) error { return ip.setItem(x, k, v, pos) }
	default:
		return ip.unsupported(pos, "augmented assignment to this target")
	}
	y, err := ip.eval(fr, s.Value)
	if err != nil {
		return err
	}
	opPos := posOf(fr.file, s.OpPos)
	// In-place operations of mutable containers.
	switch c := cur.(type) {
	case *listV:
		if s.Op == syntax.Add {
			vals, err := ip.toSlice(y, opPos)
			if err != nil {
				return err
			}
			if len(c.elems)+len(vals) > maxElems {
				return ip.errAt(opPos, "list too long for the snapshot evaluator")
			}
			c.elems = append(c.elems, vals...)
			return store(c)
		}
	case *setV:
		if ys, ok := y.(*setV); ok {
			switch s.Op {
			case syntax.BitOr, syntax.BitAnd, syntax.Sub, syntax.BitXor:
				r, err := ip.setOp(s.Op, c, ys, opPos)
				if err != nil {
					return err
				}
				c.items, c.index = r.items, r.index
				return store(c)
			}
		}
	case *dictV:
		if yd, ok := y.(*dictV); ok && s.Op == syntax.BitOr {
			for i := range yd.keys {
				if err := ip.dictSet(c, yd.keys[i], yd.vals[i], yd.pos[i], opPos); err != nil {
					return err
				}
			}
			return store(c)
		}
	}
	r, err := ip.binop(s.Op, cur, y, opPos)
	if err != nil {
		return err
	}
	return store(r)
}

// ----------------------------------------------------------------------------
// Expressions

func (ip *interp) eval(fr *frame, e syntax.Expr) (value, error) {
	pos := fr.pos(e)
	switch e := e.(type) {
	case *syntax.Name:
		return ip.lookup(fr, e.Value, pos)
	case *syntax.IntLit:
		n, err := strconv.ParseInt(e.Text, 0, 64)
		if err != nil {
			return nil, ip.unsupported(pos, "the integer %s (the evaluator's ints are 64-bit)", e.Text)
		}
		return intV{n, pyInt}, nil
	case *syntax.FloatLit:
		return e.Value, nil
	case *syntax.StrLit:
		if e.FString {
			return nil, &Error{Pos: pos, Msg: "f-strings are not supported by the snapshot evaluator", Hint: exporterHint}
		}
		return e.Value, nil
	case *syntax.BytesLit:
		return nil, ip.unsupported(pos, "bytes literals")
	case *syntax.Constant:
		switch e.Value {
		case "True":
			return true, nil
		case "False":
			return false, nil
		case "None":
			return noneV, nil
		}
		return &opaqueV{desc: "ellipsis"}, nil
	case *syntax.Unary:
		x, err := ip.eval(fr, e.X)
		if err != nil {
			return nil, err
		}
		return ip.unary(e.Op, x, pos)
	case *syntax.Binary:
		x, err := ip.eval(fr, e.X)
		if err != nil {
			return nil, err
		}
		y, err := ip.eval(fr, e.Y)
		if err != nil {
			return nil, err
		}
		return ip.binop(e.Op, x, y, posOf(fr.file, e.OpPos))
	case *syntax.BoolOp:
		var v value
		for i, x := range e.X {
			var err error
			v, err = ip.eval(fr, x)
			if err != nil {
				return nil, err
			}
			if i == len(e.X)-1 {
				break
			}
			t, err := ip.cond(v, fr.pos(x))
			if err != nil {
				return nil, err
			}
			if t == (e.Op == syntax.Or) {
				return v, nil
			}
		}
		return v, nil
	case *syntax.Compare:
		x, err := ip.eval(fr, e.X)
		if err != nil {
			return nil, err
		}
		for i, op := range e.Ops {
			y, err := ip.eval(fr, e.Ys[i])
			if err != nil {
				return nil, err
			}
			ok, err := ip.compare(op, x, y, posOf(fr.file, e.OpPos[i]))
			if err != nil {
				return nil, err
			}
			if !ok {
				return false, nil
			}
			x = y
		}
		return true, nil
	case *syntax.IfExp:
		c, err := ip.eval(fr, e.Cond)
		if err != nil {
			return nil, err
		}
		t, err := ip.cond(c, fr.pos(e.Cond))
		if err != nil {
			return nil, err
		}
		if t {
			return ip.eval(fr, e.Then)
		}
		return ip.eval(fr, e.Else)
	case *syntax.Call:
		return ip.evalCall(fr, e)
	case *syntax.Attribute:
		x, err := ip.eval(fr, e.X)
		if err != nil {
			return nil, err
		}
		return ip.getAttr(x, fr.mangle(e.Name), posOf(fr.file, e.NamePos))
	case *syntax.Subscript:
		x, err := ip.eval(fr, e.X)
		if err != nil {
			return nil, err
		}
		if sl, ok := e.Index.(*syntax.Slice); ok {
			var parts [3]value
			for i, p := range []syntax.Expr{sl.Lo, sl.Hi, sl.Step} {
				parts[i] = noneV
				if p != nil {
					if parts[i], err = ip.eval(fr, p); err != nil {
						return nil, err
					}
				}
			}
			return ip.sliceOf(x, parts, pos)
		}
		k, err := ip.eval(fr, e.Index)
		if err != nil {
			return nil, err
		}
		return ip.getItem(x, k, pos)
	case *syntax.List:
		elems, err := ip.evalElts(fr, e.Elts)
		if err != nil {
			return nil, err
		}
		return &listV{elems: elems}, nil
	case *syntax.Tuple:
		elems, err := ip.evalElts(fr, e.Elts)
		if err != nil {
			return nil, err
		}
		return &tupleV{elems: elems}, nil
	case *syntax.Set:
		elems, err := ip.evalElts(fr, e.Elts)
		if err != nil {
			return nil, err
		}
		s := newSet()
		for _, v := range elems {
			if err := ip.setAdd(s, v, pos); err != nil {
				return nil, err
			}
		}
		return s, nil
	case *syntax.Dict:
		d := newDict()
		for i := range e.Keys {
			if e.Keys[i] == nil {
				return nil, ip.unsupported(pos, "** in a dict display")
			}
			k, err := ip.eval(fr, e.Keys[i])
			if err != nil {
				return nil, err
			}
			v, err := ip.eval(fr, e.Values[i])
			if err != nil {
				return nil, err
			}
			if err := ip.dictSet(d, k, v, fr.pos(e.Keys[i]), pos); err != nil {
				return nil, err
			}
		}
		return d, nil
	case *syntax.ListComp:
		out := &listV{}
		inner := &frame{mod: fr.mod, file: fr.file, locals: map[string]value{}, outer: fr, cls: fr.cls, selfName: fr.selfName}
		err := ip.comprehension(inner, e.Gens, func() error {
			v, err := ip.eval(inner, e.Elt)
			if err != nil {
				return err
			}
			if len(out.elems) >= maxElems {
				return ip.errAt(pos, "list too long for the snapshot evaluator")
			}
			out.elems = append(out.elems, v)
			return nil
		})
		return out, err
	case *syntax.Lambda:
		f := &funcV{name: "<lambda>", params: e.Params, lambda: e.Body, mod: fr.mod, file: fr.file,
			defaults: map[string]value{}, closure: fr, cls: fr.cls, pos: pos}
		for _, p := range e.Params {
			if p.Default != nil {
				v, err := ip.eval(fr, p.Default)
				if err != nil {
					return nil, err
				}
				f.defaults[p.Name] = v
			}
		}
		return f, nil
	case *syntax.Starred:
		return nil, ip.unsupported(pos, "a starred expression here")
	case *syntax.Slice:
		return nil, ip.unsupported(pos, "a slice here")
	}
	return nil, ip.unsupported(pos, "this expression")
}

func (ip *interp) evalElts(fr *frame, elts []syntax.Expr) ([]value, error) {
	out := make([]value, 0, len(elts))
	for _, x := range elts {
		if s, ok := x.(*syntax.Starred); ok {
			v, err := ip.eval(fr, s.X)
			if err != nil {
				return nil, err
			}
			vals, err := ip.toSlice(v, fr.pos(s))
			if err != nil {
				return nil, err
			}
			out = append(out, vals...)
			if len(out) > maxElems {
				return nil, ip.errAt(fr.pos(s), "too many elements for the snapshot evaluator")
			}
			continue
		}
		v, err := ip.eval(fr, x)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func (ip *interp) comprehension(fr *frame, gens []*syntax.Comprehension, body func() error) error {
	if len(gens) == 0 {
		return body()
	}
	g := gens[0]
	it, err := ip.eval(fr, g.Iter)
	if err != nil {
		return err
	}
	return ip.iterate(it, fr.pos(g.Iter), func(v value) (bool, error) {
		if err := ip.assign(fr, g.Target, v); err != nil {
			return false, err
		}
		for _, c := range g.Ifs {
			cv, err := ip.eval(fr, c)
			if err != nil {
				return false, err
			}
			t, err := ip.cond(cv, fr.pos(c))
			if err != nil {
				return false, err
			}
			if !t {
				return true, nil
			}
		}
		return true, ip.comprehension(fr, gens[1:], body)
	})
}

func (ip *interp) evalCall(fr *frame, e *syntax.Call) (value, error) {
	pos := fr.pos(e)
	if n, ok := e.Fun.(*syntax.Name); ok && n.Value == "super" && len(e.Args) == 0 {
		if _, shadowed := fr.mod.globals["super"]; !shadowed {
			return ip.zeroArgSuper(fr, pos)
		}
	}
	fn, err := ip.eval(fr, e.Fun)
	if err != nil {
		return nil, err
	}
	var args []value
	for _, a := range e.Args {
		if s, ok := a.(*syntax.Starred); ok {
			v, err := ip.eval(fr, s.X)
			if err != nil {
				return nil, err
			}
			vals, err := ip.toSlice(v, fr.pos(s))
			if err != nil {
				return nil, err
			}
			args = append(args, vals...)
			continue
		}
		v, err := ip.eval(fr, a)
		if err != nil {
			return nil, err
		}
		args = append(args, v)
	}
	var kw []kwArg
	for _, k := range e.Keywords {
		v, err := ip.eval(fr, k.Value)
		if err != nil {
			return nil, err
		}
		if k.Name == "" {
			d, ok := v.(*dictV)
			if !ok {
				return nil, ip.errAt(posOf(fr.file, k.P), "TypeError: argument after ** must be a mapping, not %s", typeName(v))
			}
			for i, key := range d.keys {
				s, ok := key.(string)
				if !ok {
					return nil, ip.errAt(posOf(fr.file, k.P), "TypeError: keywords must be strings")
				}
				kw = append(kw, kwArg{s, d.vals[i], d.pos[i]})
			}
			continue
		}
		kw = append(kw, kwArg{k.Name, v, posOf(fr.file, k.P)})
	}
	return ip.call(fn, args, kw, pos)
}

func (ip *interp) zeroArgSuper(fr *frame, pos Pos) (value, error) {
	if fr.cls == nil || fr.selfName == "" {
		return nil, ip.errAt(pos, "RuntimeError: super(): no arguments outside a method")
	}
	self, ok := fr.locals[fr.selfName]
	if !ok {
		return nil, ip.errAt(pos, "RuntimeError: super(): no self")
	}
	return &superV{cls: fr.cls, self: self}, nil
}

func (ip *interp) call(fn value, args []value, kw []kwArg, pos Pos) (value, error) {
	if err := ip.step(pos); err != nil {
		return nil, err
	}
	switch f := fn.(type) {
	case *builtinV:
		for _, a := range args {
			if e, ok := a.(*errV); ok {
				return nil, e.used(pos)
			}
		}
		for _, a := range kw {
			if e, ok := a.val.(*errV); ok {
				return nil, e.used(pos)
			}
		}
		return f.fn(ip, args, kw, pos)
	case *funcV:
		return ip.callFunc(f, args, kw, pos)
	case *boundV:
		return ip.call(f.fn, append([]value{f.self}, args...), kw, pos)
	case *classV:
		return ip.instantiate(f, args, kw, pos)
	case *errV:
		// Host code calling what it could not evaluate (a class of a
		// module that is not on the path): the result is as unknown.
		return &errV{err: f.err, desc: f.desc + "()"}, nil
	}
	return nil, ip.errAt(pos, "TypeError: '%s' object is not callable", typeName(fn))
}

func (ip *interp) callFunc(f *funcV, args []value, kw []kwArg, pos Pos) (value, error) {
	if f.unsupported != nil { // hostcode.go
		return nil, f.unsupported
	}
	if f.hasDeco("kernel") {
		return nil, ip.unsupported(pos, "a call of the @kernel function %s from host code", f.name)
	}
	for _, d := range f.decos {
		switch d {
		case "portable", "rpc", "host_only", "staticmethod", "classmethod":
		default:
			return nil, ip.unsupported(pos, "a call of %s, decorated with @%s", f.name, d)
		}
	}
	if ip.depth >= maxCallDepth {
		return nil, ip.errAt(pos, "RecursionError: calls nested too deeply for the snapshot evaluator")
	}
	ip.depth++
	defer func() { ip.depth-- }()
	locals, err := ip.bind(f, args, kw, pos)
	if err != nil {
		return nil, err
	}
	fr := &frame{mod: f.mod, file: f.file, locals: locals, outer: f.closure, cls: f.cls}
	if len(f.params) > 0 && f.params[0].Kind == syntax.ParamNormal {
		fr.selfName = f.params[0].Name
	}
	if f.lambda != nil {
		return ip.eval(fr, f.lambda)
	}
	c, err := ip.execBlock(fr, f.body)
	if err != nil {
		return nil, err
	}
	if c == ctlReturn {
		return fr.ret, nil
	}
	return noneV, nil
}

func (ip *interp) bind(f *funcV, args []value, kw []kwArg, pos Pos) (map[string]value, error) {
	locals := map[string]value{}
	var varArgs, varKw *syntax.Param
	var positional []*syntax.Param
	for _, p := range f.params {
		switch p.Kind {
		case syntax.ParamNormal:
			positional = append(positional, p)
		case syntax.ParamVarArgs:
			varArgs = p
		case syntax.ParamVarKw:
			varKw = p
		}
	}
	for i, a := range args {
		if i < len(positional) {
			locals[positional[i].Name] = a
			continue
		}
		if varArgs == nil {
			return nil, ip.errAt(pos, "TypeError: %s() takes %d positional arguments but %d were given", f.name, len(positional), len(args))
		}
		break
	}
	if varArgs != nil {
		rest := []value{}
		if len(args) > len(positional) {
			rest = append(rest, args[len(positional):]...)
		}
		locals[varArgs.Name] = &tupleV{elems: rest}
	}
	var extra *dictV
	if varKw != nil {
		extra = newDict()
		locals[varKw.Name] = extra
	}
	for _, k := range kw {
		var param *syntax.Param
		for _, p := range f.params {
			if (p.Kind == syntax.ParamNormal || p.Kind == syntax.ParamKwOnly) && p.Name == k.name {
				param = p
			}
		}
		if param == nil {
			if extra == nil {
				return nil, ip.errAt(pos, "TypeError: %s() got an unexpected keyword argument '%s'", f.name, k.name)
			}
			if _, dup, _ := ip.dictGet(extra, k.name, pos); dup {
				return nil, ip.errAt(pos, "TypeError: %s() got multiple values for keyword argument '%s'", f.name, k.name)
			}
			if err := ip.dictSet(extra, k.name, k.val, k.pos, pos); err != nil {
				return nil, err
			}
			continue
		}
		if _, dup := locals[k.name]; dup {
			return nil, ip.errAt(pos, "TypeError: %s() got multiple values for argument '%s'", f.name, k.name)
		}
		locals[k.name] = k.val
	}
	for _, p := range f.params {
		if p.Kind != syntax.ParamNormal && p.Kind != syntax.ParamKwOnly {
			continue
		}
		if _, ok := locals[p.Name]; ok {
			continue
		}
		d, ok := f.defaults[p.Name]
		if !ok {
			return nil, ip.errAt(pos, "TypeError: %s() missing required argument: '%s'", f.name, p.Name)
		}
		locals[p.Name] = d
	}
	return locals, nil
}

// instantiate creates an instance of a class and runs its __init__.
func (ip *interp) instantiate(c *classV, args []value, kw []kwArg, pos Pos) (value, error) {
	if _, ok := c.ns["__new__"]; ok {
		return nil, ip.unsupported(pos, "a class with __new__ (%s)", c.name)
	}
	if c.isEnv() && len(args) > 0 {
		if p, ok := args[0].(*instance); ok && p.env == nil {
			return nil, ip.errAt(pos, "TypeError: the parent of %s is not an experiment environment", c.name)
		}
	}
	o := &instance{cls: c, attrs: map[string]value{}, attrPos: map[string]Pos{}, origin: pos}
	return ip.initInstance(o, args, kw, pos)
}

// classLookup finds name in c's MRO from index start: a class-namespace
// value, a nativeMethod, or nil.
func (ip *interp) classLookup(c *classV, name string, start int, pos Pos) (interface{}, error) {
	for _, k := range c.mro[start:] {
		if v, ok := k.ns[name]; ok {
			if e, ok := v.(*errV); ok && e.desc == "" {
				return &errV{err: e.err, desc: k.name + "." + name}, nil
			}
			return v, nil
		}
		if m, ok := k.native[name]; ok {
			return m, nil
		}
	}
	return nil, nil
}

func bindNative(m nativeMethod, self *instance, name string) *builtinV {
	return &builtinV{name: name, fn: func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		return m(ip, self, args, kw, pos)
	}}
}

// bindClassValue turns a class attribute found through an instance into
// what the attribute access gives.
func bindClassValue(v interface{}, self value, cls *classV, name string) value {
	switch f := v.(type) {
	case *funcV:
		if f.hasDeco("staticmethod") {
			return f
		}
		if f.hasDeco("classmethod") {
			return &boundV{self: cls, fn: f}
		}
		return &boundV{self: self, fn: f}
	case nativeMethod:
		if o, ok := self.(*instance); ok {
			return bindNative(f, o, name)
		}
		return &builtinV{name: name, fn: func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
			return nil, ip.unsupported(pos, "%s.%s on a class", cls.name, name)
		}}
	}
	return v.(value)
}

func (ip *interp) getAttr(x value, name string, pos Pos) (value, error) {
	if err := ip.step(pos); err != nil {
		return nil, err
	}
	switch x := x.(type) {
	case *instance:
		if v, ok := x.attrs[name]; ok {
			return v, nil
		}
		v, err := ip.classLookup(x.cls, name, 0, pos)
		if err != nil {
			return nil, err
		}
		if v != nil {
			return bindClassValue(v, x, x.cls, name), nil
		}
		return nil, ip.errAt(pos, "AttributeError: '%s' object has no attribute '%s'", x.cls.name, name)
	case *classV:
		if name == "__name__" {
			return x.name, nil
		}
		v, err := ip.classLookup(x, name, 0, pos)
		if err != nil {
			return nil, err
		}
		if f, ok := v.(*funcV); ok && f.hasDeco("classmethod") {
			return &boundV{self: x, fn: f}, nil
		}
		if m, ok := v.(nativeMethod); ok {
			return &builtinV{name: name, fn: func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
				if len(args) == 0 {
					return nil, ip.errAt(pos, "TypeError: %s.%s needs an instance", x.name, name)
				}
				o, ok := args[0].(*instance)
				if !ok {
					return nil, ip.errAt(pos, "TypeError: %s.%s needs an instance", x.name, name)
				}
				return m(ip, o, args[1:], kw, pos)
			}}, nil
		}
		if v != nil {
			return v.(value), nil
		}
		return nil, ip.errAt(pos, "AttributeError: type object '%s' has no attribute '%s'", x.name, name)
	case *superV:
		var c *classV
		switch s := x.self.(type) {
		case *instance:
			c = s.cls
		case *classV:
			c = s
		}
		if c == nil {
			return nil, ip.errAt(pos, "TypeError: bad super() object")
		}
		idx := -1
		for i, k := range c.mro {
			if k == x.cls {
				idx = i
			}
		}
		if idx < 0 {
			return nil, ip.errAt(pos, "TypeError: super(): %s is not an instance of %s", typeName(x.self), x.cls.name)
		}
		v, err := ip.classLookup(c, name, idx+1, pos)
		if err != nil {
			return nil, err
		}
		if v == nil {
			return nil, ip.errAt(pos, "AttributeError: 'super' object has no attribute '%s'", name)
		}
		return bindClassValue(v, x.self, c, name), nil
	case *moduleV:
		if x.missing {
			return &errV{err: ip.missingModule(x, pos), desc: x.name + "." + name}, nil
		}
		if v, ok := x.globals[name]; ok {
			return ip.checkErrV(v, x.name+"."+name, pos)
		}
		return nil, ip.errAt(pos, "AttributeError: module '%s' has no attribute '%s'", x.name, name)
	case *errV:
		return &errV{err: x.err, desc: x.desc + "." + name}, nil
	}
	if m := ip.method(x, name); m != nil {
		return m, nil
	}
	if o, ok := x.(*opaqueV); ok {
		return nil, ip.unsupported(pos, "%s.%s (%s is a host object that the evaluator only passes around)", o.desc, name, o.desc)
	}
	return nil, ip.errAt(pos, "AttributeError: '%s' object has no attribute '%s'", typeName(x), name)
}

func (ip *interp) setAttr(x value, name string, v value, namePos, pos Pos) error {
	switch x := x.(type) {
	case *instance:
		x.attrs[name] = v
		x.attrPos[name] = namePos
		return nil
	case *classV:
		if x.builtin {
			return ip.errAt(pos, "TypeError: cannot set attributes of built-in class %s", x.name)
		}
		x.ns[name] = v
		x.nsPos[name] = namePos
		return nil
	case *moduleV:
		x.globals[name] = v
		return nil
	case *errV:
		return nil // an attribute of a host object the evaluator could not build
	}
	return ip.errAt(pos, "AttributeError: cannot set attribute '%s' of a %s", name, typeName(x))
}

// ----------------------------------------------------------------------------
// Items, slices, iteration

func (ip *interp) index(k value, n int, pos Pos) (int, error) {
	i, ok := asInt(k)
	if !ok {
		return 0, ip.errAt(pos, "TypeError: indices must be integers, not %s", typeName(k))
	}
	j := i.v
	if j < 0 {
		j += int64(n)
	}
	if j < 0 || j >= int64(n) {
		return 0, ip.errAt(pos, "IndexError: index %d out of range", i.v)
	}
	return int(j), nil
}

func (ip *interp) getItem(x, k value, pos Pos) (value, error) {
	switch x := x.(type) {
	case *listV:
		i, err := ip.index(k, len(x.elems), pos)
		if err != nil {
			return nil, err
		}
		return x.elems[i], nil
	case *tupleV:
		i, err := ip.index(k, len(x.elems), pos)
		if err != nil {
			return nil, err
		}
		return x.elems[i], nil
	case string:
		rs := []rune(x)
		i, err := ip.index(k, len(rs), pos)
		if err != nil {
			return nil, err
		}
		return string(rs[i]), nil
	case *rangeV:
		n := x.length()
		i, err := ip.index(k, int(min(n, math.MaxInt32)), pos)
		if err != nil {
			return nil, err
		}
		return intV{x.start + int64(i)*x.step, pyInt}, nil
	case *dictV:
		v, ok, err := ip.dictGet(x, k, pos)
		if err != nil {
			return nil, err
		}
		if !ok {
			r, _ := ip.repr(k, pos)
			return nil, ip.errAt(pos, "KeyError: %s", r)
		}
		return v, nil
	case *arrayV:
		if len(x.shape) == 0 {
			return nil, ip.errAt(pos, "IndexError: too many indices for array")
		}
		i, err := ip.index(k, x.shape[0], pos)
		if err != nil {
			return nil, err
		}
		if len(x.shape) == 1 {
			return x.at(i), nil
		}
		stride := x.size() / x.shape[0]
		sub := &arrayV{elem: x.elem, shape: append([]int{}, x.shape[1:]...)}
		if x.elem == KindFloat {
			sub.floats = append([]float64{}, x.floats[i*stride:(i+1)*stride]...)
		} else {
			sub.ints = append([]int64{}, x.ints[i*stride:(i+1)*stride]...)
		}
		return sub, nil
	case *classV:
		// Generic aliases in annotations-like expressions: list[int32].
		return &opaqueV{desc: "type"}, nil
	case *errV:
		return nil, x.used(pos)
	}
	return nil, ip.errAt(pos, "TypeError: '%s' object is not subscriptable", typeName(x))
}

func (ip *interp) setItem(x, k, v value, pos Pos) error {
	switch x := x.(type) {
	case *listV:
		i, err := ip.index(k, len(x.elems), pos)
		if err != nil {
			return err
		}
		x.elems[i] = v
		return nil
	case *dictV:
		return ip.dictSet(x, k, v, pos, pos)
	case *arrayV:
		if len(x.shape) != 1 {
			return ip.unsupported(pos, "item assignment to a multi-dimensional array")
		}
		i, err := ip.index(k, x.shape[0], pos)
		if err != nil {
			return err
		}
		return ip.arraySet(x, i, v, pos)
	}
	return ip.errAt(pos, "TypeError: '%s' object does not support item assignment", typeName(x))
}

func (ip *interp) arraySet(a *arrayV, i int, v value, pos Pos) error {
	switch a.elem {
	case KindFloat:
		f, ok := asFloat(v)
		if !ok {
			return ip.errAt(pos, "TypeError: cannot store a %s in a float array", typeName(v))
		}
		a.floats[i] = f
	case KindBool:
		a.ints[i] = 0
		if truth(v) {
			a.ints[i] = 1
		}
	default:
		n, ok := asInt(v)
		if !ok {
			f, fok := asFloat(v)
			if !fok || math.IsNaN(f) || math.IsInf(f, 0) {
				return ip.errAt(pos, "TypeError: cannot store a %s in an integer array", typeName(v))
			}
			n = intV{int64(f), pyInt}
		}
		a.ints[i] = n.v
	}
	return nil
}

// sliceBounds computes Python's slice indices for a sequence of length n.
func (ip *interp) sliceBounds(parts [3]value, n int, pos Pos) (start, stop, step int, err error) {
	step = 1
	if _, none := parts[2].(noneT); !none {
		s, ok := asInt(parts[2])
		if !ok || s.v == 0 {
			return 0, 0, 0, ip.errAt(pos, "ValueError: bad slice step")
		}
		step = int(max(min(s.v, math.MaxInt32), math.MinInt32))
	}
	get := func(v value, def int) (int, error) {
		if _, none := v.(noneT); none {
			return def, nil
		}
		i, ok := asInt(v)
		if !ok {
			return 0, ip.errAt(pos, "TypeError: slice indices must be integers")
		}
		j := i.v
		if j < 0 {
			j += int64(n)
			if j < 0 {
				if step < 0 {
					j = -1
				} else {
					j = 0
				}
			}
		} else if j >= int64(n) {
			if step < 0 {
				j = int64(n) - 1
			} else {
				j = int64(n)
			}
		}
		return int(j), nil
	}
	if step > 0 {
		if start, err = get(parts[0], 0); err != nil {
			return
		}
		stop, err = get(parts[1], n)
	} else {
		if start, err = get(parts[0], n-1); err != nil {
			return
		}
		stop, err = get(parts[1], -1)
	}
	return
}

func (ip *interp) sliceOf(x value, parts [3]value, pos Pos) (value, error) {
	var elems []value
	var isStr, isTuple bool
	switch x := x.(type) {
	case *listV:
		elems = x.elems
	case *tupleV:
		elems, isTuple = x.elems, true
	case string:
		for _, r := range x {
			elems = append(elems, string(r))
		}
		isStr = true
	case *rangeV:
		vals, err := ip.toSlice(x, pos)
		if err != nil {
			return nil, err
		}
		elems = vals
	default:
		return nil, ip.unsupported(pos, "slicing a %s", typeName(x))
	}
	start, stop, step, err := ip.sliceBounds(parts, len(elems), pos)
	if err != nil {
		return nil, err
	}
	var out []value
	if step > 0 {
		for i := start; i < stop; i += step {
			out = append(out, elems[i])
		}
	} else {
		for i := start; i > stop; i += step {
			out = append(out, elems[i])
		}
	}
	switch {
	case isStr:
		var b strings.Builder
		for _, v := range out {
			b.WriteString(v.(string))
		}
		return b.String(), nil
	case isTuple:
		return &tupleV{elems: out}, nil
	}
	return &listV{elems: out}, nil
}

// iterate calls fn for each element of an iterable until fn returns false.
func (ip *interp) iterate(v value, pos Pos, fn func(value) (bool, error)) error {
	each := func(vals []value) error {
		for _, e := range vals {
			if err := ip.step(pos); err != nil {
				return err
			}
			more, err := fn(e)
			if err != nil || !more {
				return err
			}
		}
		return nil
	}
	switch x := v.(type) {
	case *listV:
		for i := 0; i < len(x.elems); i++ {
			if err := ip.step(pos); err != nil {
				return err
			}
			more, err := fn(x.elems[i])
			if err != nil || !more {
				return err
			}
		}
		return nil
	case *tupleV:
		return each(x.elems)
	case *setV:
		return each(append([]value{}, x.items...))
	case *dictV:
		return each(append([]value{}, x.keys...))
	case string:
		var vals []value
		for _, r := range x {
			vals = append(vals, string(r))
		}
		return each(vals)
	case *rangeV:
		n := x.length()
		for i := int64(0); i < n; i++ {
			if err := ip.step(pos); err != nil {
				return err
			}
			more, err := fn(intV{x.start + i*x.step, pyInt})
			if err != nil || !more {
				return err
			}
		}
		return nil
	case *arrayV:
		if len(x.shape) == 0 {
			return ip.errAt(pos, "TypeError: iteration over a 0-d array")
		}
		for i := 0; i < x.shape[0]; i++ {
			e, err := ip.getItem(x, intV{int64(i), pyInt}, pos)
			if err != nil {
				return err
			}
			if err := ip.step(pos); err != nil {
				return err
			}
			more, err := fn(e)
			if err != nil || !more {
				return err
			}
		}
		return nil
	case *errV:
		return x.used(pos)
	}
	return ip.errAt(pos, "TypeError: '%s' object is not iterable", typeName(v))
}

func (ip *interp) toSlice(v value, pos Pos) ([]value, error) {
	switch x := v.(type) {
	case *listV:
		return append([]value{}, x.elems...), nil
	case *tupleV:
		return x.elems, nil
	}
	var out []value
	err := ip.iterate(v, pos, func(e value) (bool, error) {
		if len(out) >= maxElems {
			return false, ip.errAt(pos, "too many elements for the snapshot evaluator")
		}
		out = append(out, e)
		return true, nil
	})
	return out, err
}
