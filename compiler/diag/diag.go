// Package diag holds compiler diagnostics: errors as values, each with a
// file, a position and a message, collected, sorted by position and
// rendered like clang and rustc do (file:line:col, the source line, a caret).
package diag

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/rules-artiq/rules_artiq/compiler/syntax"
)

// Diagnostic is one error found in a source file.
type Diagnostic struct {
	File string
	Pos  syntax.Pos
	Msg  string
	Hint string // optional: how to fix it
}

func (d *Diagnostic) Error() string {
	return fmt.Sprintf("%s:%d:%d: error: %s", d.File, d.Pos.Line, d.Pos.Col, d.Msg)
}

// List collects diagnostics; it implements error when non-empty.
type List []*Diagnostic

// Add appends a diagnostic.
func (l *List) Add(file string, pos syntax.Pos, format string, args ...interface{}) *Diagnostic {
	d := &Diagnostic{File: file, Pos: pos, Msg: fmt.Sprintf(format, args...)}
	*l = append(*l, d)
	return d
}

// Sort orders the list by file, then position, then message, and drops
// exact duplicates, so output is deterministic however it was produced.
func (l *List) Sort() {
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
	for i, d := range s {
		if i > 0 && *d == *s[i-1] {
			continue
		}
		out = append(out, d)
	}
	*l = out
}

// Err returns the list as an error, or nil when it is empty.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

func (l List) Error() string {
	var b strings.Builder
	for i, d := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.Error())
	}
	return b.String()
}

// Render writes every diagnostic with its source line and a caret under
// the offending column. sources maps file names to their contents; a file
// that is missing there is rendered without the source line.
func Render(w io.Writer, l List, sources map[string][]byte) {
	for _, d := range l {
		fmt.Fprintf(w, "%s:%d:%d: error: %s\n", d.File, d.Pos.Line, d.Pos.Col, d.Msg)
		if src, ok := sources[d.File]; ok && d.Pos.Line > 0 {
			if line, ok := sourceLine(src, int(d.Pos.Line)); ok {
				fmt.Fprintf(w, "  %s\n  %s^\n", line, caretPad(line, int(d.Pos.Col)))
			}
		}
		if d.Hint != "" {
			fmt.Fprintf(w, "  hint: %s\n", d.Hint)
		}
	}
}

func sourceLine(src []byte, n int) (string, bool) {
	lines := strings.Split(string(src), "\n")
	if n < 1 || n > len(lines) {
		return "", false
	}
	return strings.TrimRight(lines[n-1], "\r"), true
}

// caretPad returns the whitespace that puts a caret under column col,
// keeping tabs so the caret lines up in a terminal.
func caretPad(line string, col int) string {
	var b strings.Builder
	i := 1
	for _, r := range line {
		if i >= col {
			break
		}
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
		i++
	}
	for ; i < col; i++ {
		b.WriteByte(' ')
	}
	return b.String()
}
