// Package parse parses a kernel module and reports its syntax errors as
// diagnostics. It exists only because package diag imports package syntax
// (for syntax.Pos), so syntax.Parse cannot return a diag.List itself.
package parse

import (
	"github.com/rules-artiq/rules_artiq/compiler/diag"
	"github.com/rules-artiq/rules_artiq/compiler/syntax"
)

// Parse parses one kernel module. The returned list is sorted and
// non-empty exactly when parsing failed; the file is then partial.
func Parse(filename string, src []byte) (*syntax.File, diag.List) {
	f, errs := syntax.Parse(filename, src)
	return f, Diagnostics(errs)
}

// Diagnostics converts syntax errors to diagnostics, keeping their order.
func Diagnostics(errs syntax.ErrorList) diag.List {
	var l diag.List
	for _, e := range errs {
		l = append(l, &diag.Diagnostic{File: e.File, Pos: e.Pos, Msg: e.Msg, Hint: e.Hint})
	}
	return l
}
