package syntax

import (
	"fmt"
	"sort"
	"strings"
)

// Error is one syntax error. Package diag imports this package (for Pos),
// so the parser cannot return a diag.List itself; Error has exactly the
// fields of diag.Diagnostic, and package syntax/parse converts.
type Error struct {
	File string
	Pos  Pos
	Msg  string
	Hint string // optional: how to fix it
	// Context are the definitions (FuncDef, ClassDef) in whose bodies the
	// parser found the error, outermost first; the statement with the
	// error is left out of the body. Scanner errors have none.
	Context []Stmt
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d:%d: error: %s", e.File, e.Pos.Line, e.Pos.Col, e.Msg)
}

// ErrorList is a list of syntax errors; it implements error when non-empty.
type ErrorList []*Error

// Sort orders the list by file, position and message, and drops exact
// duplicates, the same way diag.List.Sort does.
func (l *ErrorList) Sort() {
	s := *l
	sort.SliceStable(s, func(i, j int) bool {
		a, b := s[i], s[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Pos != b.Pos {
			return a.Pos.Before(b.Pos)
		}
		return a.Msg < b.Msg
	})
	out := s[:0]
	for i, e := range s {
		if i > 0 && e.File == s[i-1].File && e.Pos == s[i-1].Pos && e.Msg == s[i-1].Msg && e.Hint == s[i-1].Hint {
			continue
		}
		out = append(out, e)
	}
	*l = out
}

// Err returns the list as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}
