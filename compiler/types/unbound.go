package types

import (
	"github.com/rules-artiq/rules_artiq/compiler/syntax"
)

// Reading a local variable before anything was assigned to it raises
// UnboundLocalError in Python. A definite-assignment pass over each
// function body finds the reads where the variable may not be assigned
// yet (Body.MaybeUnbound); the lowering gives those variables an
// "assigned" flag and checks it at those reads, so that programs that never
// read an unassigned variable pay nothing and behave as in CPython.

// assigned is the set of variables definitely assigned at a point of the
// body; nil stands for a point that cannot be reached.
type assigned map[*Object]bool

func (a assigned) copy() assigned {
	if a == nil {
		return nil
	}
	out := make(assigned, len(a))
	for k := range a {
		out[k] = true
	}
	return out
}

// meet is the set assigned on both of two paths that join.
func meet(a, b assigned) assigned {
	if a == nil {
		return b.copy()
	}
	if b == nil {
		return a.copy()
	}
	out := assigned{}
	for k := range a {
		if b[k] {
			out[k] = true
		}
	}
	return out
}

type unboundPass struct {
	b      *Body
	cands  map[*Object]bool // the locals that need the analysis
	breaks []*[]assigned    // per enclosing loop: the states at its breaks
}

// findUnbound records in fn.Body.MaybeUnbound the reads of fn's locals
// that may happen before any assignment.
func (c *checker) findUnbound(fn *Function) {
	if fn.Body == nil || fn.Def == nil {
		return // the standalone top level has module variables, not locals
	}
	u := &unboundPass{b: fn.Body, cands: map[*Object]bool{}}
	for _, o := range fn.Locals {
		if o.Kind == ObjLocal {
			u.cands[o] = true
		}
	}
	if len(u.cands) == 0 {
		return
	}
	u.stmts(fn.Stmts, assigned{})
}

func (u *unboundPass) stmts(body []syntax.Stmt, st assigned) assigned {
	for _, s := range body {
		if st == nil {
			// Unreachable code: its reads cannot run.
			return nil
		}
		st = u.stmt(s, st)
	}
	return st
}

// reads checks the variable reads in e against st.
func (u *unboundPass) reads(e syntax.Expr, st assigned) {
	if e == nil || st == nil {
		return
	}
	inspect(e, func(x interface{}) {
		n, ok := x.(*syntax.Name)
		if !ok {
			return
		}
		obj := u.b.Uses[n]
		if obj != nil && u.cands[obj] && !st[obj] {
			if u.b.MaybeUnbound == nil {
				u.b.MaybeUnbound = map[*syntax.Name]*Object{}
			}
			u.b.MaybeUnbound[n] = obj
		}
	})
}

// target checks the reads a target makes (a[i] = v reads a and i) and
// adds the variables it assigns.
func (u *unboundPass) target(t syntax.Expr, st assigned) {
	for _, x := range flattenTargets(t) {
		switch x := x.(type) {
		case *syntax.Name:
			if obj := u.b.Targets[x]; obj != nil {
				st[obj] = true
			}
		case *syntax.Subscript:
			u.reads(x.X, st)
			u.reads(x.Index, st)
		case *syntax.Attribute:
			u.reads(x.X, st)
		case *syntax.Starred:
			u.target(x.X, st)
		}
	}
}

func constTrue(e syntax.Expr) bool {
	switch e := e.(type) {
	case *syntax.Constant:
		return e.Value == "True"
	case *syntax.IntLit:
		v, ok := parseInt(e.Text)
		return ok && v.Sign() != 0
	}
	return false
}

func (u *unboundPass) loop(body []syntax.Stmt, st assigned) (end assigned, breaks []assigned) {
	u.breaks = append(u.breaks, &breaks)
	end = u.stmts(body, st)
	u.breaks = u.breaks[:len(u.breaks)-1]
	return end, breaks
}

func (u *unboundPass) stmt(s syntax.Stmt, st assigned) assigned {
	switch s := s.(type) {
	case *syntax.ExprStmt:
		u.reads(s.X, st)
	case *syntax.Assign:
		u.reads(s.Value, st)
		for _, t := range s.Targets {
			u.target(t, st)
		}
	case *syntax.AugAssign:
		u.reads(s.Target, st)
		u.reads(s.Value, st)
		u.target(s.Target, st)
	case *syntax.AnnAssign:
		if s.Value != nil {
			u.reads(s.Value, st)
			u.target(s.Target, st)
		}
	case *syntax.Return:
		u.reads(s.Value, st)
		return nil
	case *syntax.Raise:
		u.reads(s.Exc, st)
		return nil
	case *syntax.Assert:
		u.reads(s.Cond, st)
		u.reads(s.Msg, st)
	case *syntax.Break:
		if n := len(u.breaks); n > 0 {
			*u.breaks[n-1] = append(*u.breaks[n-1], st.copy())
		}
		return nil
	case *syntax.Continue:
		return nil
	case *syntax.If:
		u.reads(s.Cond, st)
		a := u.stmts(s.Body, st.copy())
		b := u.stmts(s.Else, st.copy())
		if a == nil && b == nil {
			return nil
		}
		return meet(a, b)
	case *syntax.While:
		u.reads(s.Cond, st)
		_, breaks := u.loop(s.Body, st.copy())
		var out assigned
		if !constTrue(s.Cond) {
			out = u.stmts(s.Else, st.copy())
		}
		for _, b := range breaks {
			out = meetReach(out, b)
		}
		return out
	case *syntax.For:
		u.reads(s.Iter, st)
		in := st.copy()
		u.target(s.Target, in)
		_, breaks := u.loop(s.Body, in)
		out := u.stmts(s.Else, st.copy())
		for _, b := range breaks {
			out = meetReach(out, b)
		}
		return out
	case *syntax.With:
		for _, it := range s.Items {
			u.reads(it.Context, st)
			if it.Target != nil {
				u.target(it.Target, st)
			}
		}
		return u.stmts(s.Body, st)
	case *syntax.Try:
		body := u.stmts(s.Body, st.copy())
		out := u.stmts(s.Else, body)
		reach := out != nil
		for _, h := range s.Handlers {
			// An exception may come before any assignment of the body.
			hs := st.copy()
			if hi := u.b.Handlers[h]; hi != nil && hi.Var != nil {
				hs[hi.Var] = true
			}
			he := u.stmts(h.Body, hs)
			if he != nil {
				out = meetReach(out, he)
				reach = true
			}
		}
		if len(s.Finally) > 0 {
			fin := u.stmts(s.Finally, st.copy())
			if !reach || fin == nil {
				return nil
			}
			for k := range fin {
				out[k] = true
			}
		}
		if !reach {
			return nil
		}
		return out
	case *syntax.FuncDef:
		if n := u.b.DefTargets[s]; n != nil {
			if obj := u.b.Targets[n]; obj != nil {
				st[obj] = true
			}
		}
	}
	return st
}

// meetReach joins a path into the paths so far (nil: none reached yet).
func meetReach(sofar, path assigned) assigned {
	if path == nil {
		return sofar
	}
	if sofar == nil {
		return path.copy()
	}
	return meet(sofar, path)
}
