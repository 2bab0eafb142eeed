package simulator

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// BuiltinExceptions are the names of the ids the firmware fixes
// (docs/design.md, "Exception ids"); index = id.
var BuiltinExceptions = []string{
	"RuntimeError", "RTIOUnderflow", "RTIOOverflow", "RTIODestinationUnreachable",
	"DMAError", "I2CError", "CacheError", "SPIError", "SubkernelError",
	"AssertionError", "AttributeError", "IndexError", "IOError", "KeyError",
	"NotImplementedError", "OverflowError", "RuntimeError", "TimeoutError",
	"TypeError", "ValueError", "ZeroDivisionError", "LinAlgError", "UnwrapNoneError",
}

// Exception is an uncaught exception as the runtime reports it on fd 4.
type Exception struct {
	ID       uint32
	Name     string // from the runtime, for builtin ids; may be empty
	File     string
	Line     int
	Column   int // 1-based; 0 when unknown
	Function string
	Message  string // unformatted: may hold {0} {1} {2}
	Params   [3]int64
}

// ParseException decodes the runtime's text record: `key value` lines
// with escaped values (see runtime/exceptions.c).
func ParseException(data []byte) (*Exception, error) {
	var e Exception
	seen := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for sc.Scan() {
		line := sc.Text()
		key, raw, _ := strings.Cut(line, " ")
		val, err := unescape(raw)
		if err != nil {
			return nil, fmt.Errorf("simulator: exception record: %s: %v", key, err)
		}
		seen[key] = true
		var perr error
		switch key {
		case "id":
			var v uint64
			v, perr = strconv.ParseUint(val, 10, 32)
			e.ID = uint32(v)
		case "name":
			e.Name = val
		case "file":
			e.File = val
		case "line":
			e.Line, perr = strconv.Atoi(val)
		case "column":
			e.Column, perr = strconv.Atoi(val)
		case "function":
			e.Function = val
		case "message":
			e.Message = val
		case "param0", "param1", "param2":
			e.Params[key[5]-'0'], perr = strconv.ParseInt(val, 10, 64)
		default:
			// Unknown keys are for later versions of the runtime.
		}
		if perr != nil {
			return nil, fmt.Errorf("simulator: exception record: bad %s %q", key, val)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if !seen["id"] {
		return nil, fmt.Errorf("simulator: exception record has no id")
	}
	return &e, nil
}

func unescape(s string) (string, error) {
	if !strings.Contains(s, `\`) {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		if i+1 >= len(s) {
			return "", fmt.Errorf("dangling backslash")
		}
		i++
		switch s[i] {
		case '\\':
			b.WriteByte('\\')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 'x':
			if i+2 >= len(s) {
				return "", fmt.Errorf("short \\x escape")
			}
			v, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
			if err != nil {
				return "", fmt.Errorf("bad \\x escape")
			}
			b.WriteByte(byte(v))
			i += 2
		default:
			return "", fmt.Errorf("unknown escape \\%c", s[i])
		}
	}
	return b.String(), nil
}

// FormattedMessage is the message with its parameters substituted as
// ARTIQ's host does (Python's str.format): {0}, {1}, {2} by index, {} in
// order, {{ and }} are braces. A message that does not format (a field
// that names no parameter, a stray brace) is left as it is.
func (e *Exception) FormattedMessage() string {
	msg := e.Message
	if !strings.ContainsAny(msg, "{}") {
		return msg
	}
	var b strings.Builder
	next := 0
	for i := 0; i < len(msg); i++ {
		c := msg[i]
		switch {
		case c == '{' && i+1 < len(msg) && msg[i+1] == '{', c == '}' && i+1 < len(msg) && msg[i+1] == '}':
			b.WriteByte(c)
			i++
		case c == '{':
			end := strings.IndexByte(msg[i:], '}')
			if end < 0 {
				return msg
			}
			field := msg[i+1 : i+end]
			idx := next
			if field == "" {
				next++
			} else if n, err := strconv.Atoi(field); err == nil && n >= 0 {
				idx = n
			} else {
				return msg
			}
			if idx >= len(e.Params) {
				return msg
			}
			b.WriteString(strconv.FormatInt(e.Params[idx], 10))
			i += end
		case c == '}':
			return msg
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// ExceptionName names an exception id: names (e.g. from the linker's
// tables) first, then the firmware's builtin ids, then the runtime's name.
func ExceptionName(e *Exception, names map[uint32]string) string {
	if n, ok := names[e.ID]; ok && n != "" {
		return n
	}
	if int(e.ID) < len(BuiltinExceptions) {
		return BuiltinExceptions[e.ID]
	}
	if e.Name != "" {
		return e.Name
	}
	return fmt.Sprintf("Exception(id %d)", e.ID)
}

// SourceFunc returns the contents of a source file named in a report.
type SourceFunc func(file string) ([]byte, error)

// SourceFromDir reads files relative to root (relative names) or as given
// (absolute names); root "" is the working directory.
func SourceFromDir(root string) SourceFunc {
	return func(file string) ([]byte, error) {
		if !filepath.IsAbs(file) && root != "" {
			file = filepath.Join(root, file)
		}
		return os.ReadFile(file)
	}
}

// WriteReport renders the exception ARTIQ-style:
//
//	Core Device Traceback (most recent call last):
//	  File "prog.py", line 3, column 5, in prog.__toplevel__
//	    assert x == 2
//	    ^
//	AssertionError: x was 3
//
// The source line and caret appear when src can read the file.
func WriteReport(w io.Writer, e *Exception, names map[uint32]string, src SourceFunc) error {
	var b strings.Builder
	b.WriteString("Core Device Traceback (most recent call last):\n")
	file := e.File
	if file == "" {
		file = "<unknown>"
	}
	fn := e.Function
	if fn == "" {
		fn = "<unknown>"
	}
	fmt.Fprintf(&b, "  File \"%s\", line %d, column %d, in %s\n", file, e.Line, e.Column, fn)
	if text, ok := sourceLine(src, e.File, e.Line); ok {
		trimmed := strings.TrimLeft(text, " \t")
		indent := len(text) - len(trimmed)
		fmt.Fprintf(&b, "    %s\n", strings.TrimRight(trimmed, " \t\r"))
		if col := e.Column - 1 - indent; e.Column > 0 && col >= 0 {
			fmt.Fprintf(&b, "    %s^\n", strings.Repeat(" ", col))
		}
	}
	name := ExceptionName(e, names)
	if msg := e.FormattedMessage(); msg != "" {
		fmt.Fprintf(&b, "%s: %s\n", name, msg)
	} else {
		fmt.Fprintf(&b, "%s\n", name)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func sourceLine(src SourceFunc, file string, line int) (string, bool) {
	if src == nil || file == "" || line <= 0 {
		return "", false
	}
	data, err := src(file)
	if err != nil {
		return "", false
	}
	lines := strings.Split(string(data), "\n")
	if line > len(lines) {
		return "", false
	}
	text := lines[line-1]
	if strings.TrimSpace(text) == "" {
		return "", false
	}
	return text, true
}
