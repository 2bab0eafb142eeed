package driver

import (
	"strings"

	"github.com/rules-artiq/rules_artiq/compiler/diag"
	"github.com/rules-artiq/rules_artiq/compiler/syntax"
)

// hostParseErrors decides whether a library module's syntax errors may
// wait for the checker: when each is a construct that kernels cannot use
// ("... not supported in kernels": async, yield, dict comprehensions,
// 'raise ... from', ...) that the parser found in the body of a
// definition, or in a module-level or class-level statement. Such code is
// host code unless a kernel reaches it (compiler/types/hostcode.go):
//
//   - the outermost function around the error (a module-level function or
//     a method) lost the statement; checking it reports the error instead
//     (it is never checked when it is host code);
//   - a module-level or class-level statement was left out: the names it
//     binds are unknown, so a kernel that uses one gets an error.
//
// The top level of a standalone program is kernel code: there, only
// errors inside functions (the host functions of its RPCs) may wait.
func hostParseErrors(u *Unit, errs syntax.ErrorList) (map[*syntax.FuncDef]*diag.Diagnostic, bool) {
	out := map[*syntax.FuncDef]*diag.Diagnostic{}
	for _, e := range errs {
		if !strings.HasSuffix(e.Msg, " not supported in kernels") || strings.HasPrefix(e.Msg, "imaginary numbers") {
			return nil, false
		}
		var fd *syntax.FuncDef
		for _, s := range e.Context {
			if d, ok := s.(*syntax.FuncDef); ok {
				fd = d
				break
			}
		}
		if fd == nil {
			if u.Standalone {
				return nil, false
			}
			continue
		}
		if _, seen := out[fd]; !seen {
			out[fd] = &diag.Diagnostic{File: e.File, Pos: e.Pos, Msg: e.Msg, Hint: e.Hint}
		}
	}
	return out, true
}
