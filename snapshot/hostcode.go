package snapshot

import (
	"strings"

	"github.com/rules-artiq/rules_artiq/compiler/syntax"
)

// unsupportedInFunctions decides whether a module's syntax errors can wait:
// when each is a construct that the parser rejects ("... not supported in
// kernels": a dict comprehension, 'raise ... from', 'yield', ...) inside a
// function. The function (the outermost one around the error) lost that
// statement, so calling it is an error; a module whose host code never
// calls it evaluates as before (ARTIQ's driver modules hold such host
// code, e.g. in Core.compile). An error at module or class level, where
// the left-out statement could have changed any value, fails the module.
func (ip *interp) unsupportedInFunctions(errs syntax.ErrorList) bool {
	lost := map[*syntax.FuncDef]*Error{}
	for _, e := range errs {
		if !strings.HasSuffix(e.Msg, " not supported in kernels") || strings.HasPrefix(e.Msg, "imaginary numbers") {
			return false
		}
		var fd *syntax.FuncDef
		for _, s := range e.Context {
			if d, ok := s.(*syntax.FuncDef); ok {
				fd = d
				break
			}
		}
		if fd == nil {
			return false
		}
		if _, seen := lost[fd]; !seen {
			lost[fd] = &Error{Pos: posOf(e.File, e.Pos),
				Msg:  strings.TrimSuffix(e.Msg, " in kernels") + " by the snapshot evaluator (in " + fd.Name + ", which host code calls here)",
				Hint: exporterHint}
		}
	}
	if ip.lostStmts == nil {
		ip.lostStmts = map[*syntax.FuncDef]*Error{}
	}
	for d, e := range lost {
		ip.lostStmts[d] = e
	}
	return true
}
