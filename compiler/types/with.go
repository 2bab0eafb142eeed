package types

import "github.com/rules-artiq/rules_artiq/compiler/syntax"

// nestWithItems rewrites `with a, b: body` as `with a: with b: body`,
// which is what Python defines it to mean (each manager is entered after
// the previous one and exited before it), so that the checker and the
// lowering only ever see one item per with statement.
func nestWithItems(stmts []syntax.Stmt) {
	for _, s := range stmts {
		switch s := s.(type) {
		case *syntax.If:
			nestWithItems(s.Body)
			nestWithItems(s.Else)
		case *syntax.While:
			nestWithItems(s.Body)
			nestWithItems(s.Else)
		case *syntax.For:
			nestWithItems(s.Body)
			nestWithItems(s.Else)
		case *syntax.Try:
			nestWithItems(s.Body)
			for _, h := range s.Handlers {
				nestWithItems(h.Body)
			}
			nestWithItems(s.Else)
			nestWithItems(s.Finally)
		case *syntax.FuncDef:
			nestWithItems(s.Body)
		case *syntax.ClassDef:
			nestWithItems(s.Body)
		case *syntax.With:
			if len(s.Items) > 1 {
				inner := &syntax.With{Items: s.Items[1:], Body: s.Body}
				inner.P = s.Items[1].P
				s.Items = s.Items[:1]
				s.Body = []syntax.Stmt{inner}
			}
			nestWithItems(s.Body)
		}
	}
}
