package snapshot

import (
	"fmt"
	"sort"
	"strings"
)

// Error is one error in an input (device_db.py, an experiment, a dataset
// file, a snapshot, the command line), with the position and the key it is about.
type Error struct {
	Pos  Pos
	Key  string // the device, argument, dataset or attribute the error is about ("" if none)
	Msg  string
	Hint string // optional: how to fix it
}

func (e *Error) Error() string {
	if e.Pos.File == "" {
		return "command line: error: " + e.Msg
	}
	return fmt.Sprintf("%s:%d:%d: error: %s", e.Pos.File, e.Pos.Line, e.Pos.Col, e.Msg)
}

// ErrorList is a list of errors; it implements error when non-empty.
type ErrorList []*Error

func (l *ErrorList) add(pos Pos, key, format string, args ...interface{}) {
	*l = append(*l, &Error{Pos: pos, Key: key, Msg: fmt.Sprintf(format, args...)})
}

func (l *ErrorList) addHint(pos Pos, key, hint, format string, args ...interface{}) {
	*l = append(*l, &Error{Pos: pos, Key: key, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// Sort orders the list by file, line, column and message.
func (l ErrorList) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		return a.Msg < b.Msg
	})
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

// Errors returns the individual errors in err (an *Error or an ErrorList),
// or nil when err is some other error.
func Errors(err error) []*Error {
	switch e := err.(type) {
	case *Error:
		return []*Error{e}
	case ErrorList:
		return e
	}
	return nil
}
