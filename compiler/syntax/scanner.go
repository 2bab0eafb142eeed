package syntax

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

const (
	maxIndent = 100 // CPython's MAXINDENT
	maxParens = 200 // CPython's MAXLEVEL
	tabSize   = 8
)

// scanner turns source into Python tokens, one at a time, including the
// NEWLINE, INDENT and DEDENT tokens that carry Python's block structure.
//
// Errors go to errh. After a fatal error (one after which the token stream
// means nothing, like a bad dedent or an unclosed bracket at EOF) the
// scanner sets stopped and returns only _EOF from then on.
type scanner struct {
	src  []byte
	errh func(pos Pos, msg string)

	// the current character
	ch        rune // -1 at end of input
	off, roff int  // byte offsets of ch and of the character after it
	line, col int32

	// the current token
	tok   token
	pos   Pos    // first character of tok
	end   Pos    // just after tok
	lit   string // _Name: identifier; _Int, _Float: text without '_'; _String: decoded value
	op    Op     // _AugAssign: the operator
	bytes bool   // _String: a bytes literal
	fstr  bool   // _String: an f-string (its value is the text as written)
	fval  float64

	atBOL      bool // at the beginning of a logical line: indentation is next
	lineTokens bool // a token was produced on the current logical line
	indents    []indent
	dedents    int // DEDENT tokens still to return, at dedentPos
	dedentPos  Pos
	parens     []paren
	stopped    bool
	unclosed   Pos  // the bracket reported as never closed, if any
	unclosedCh byte // and which one it is
}

type indent struct{ col, alt int } // alt counts a tab as 1, to detect inconsistent tabs

type paren struct {
	ch  byte
	pos Pos
}

func (s *scanner) init(src []byte, errh func(Pos, string)) {
	*s = scanner{src: src, errh: errh, line: 1, atBOL: true}
	s.indents = append(s.indents, indent{})
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		s.roff = 3 // skip a UTF-8 byte order mark, as CPython does
	}
	s.nextch()
}

func (s *scanner) errorf(pos Pos, format string, args ...interface{}) {
	if s.stopped {
		return // the fatal error explains everything after it
	}
	s.errh(pos, fmt.Sprintf(format, args...))
}

// fatalf reports an error after which no further tokens make sense.
func (s *scanner) fatalf(pos Pos, format string, args ...interface{}) {
	if s.stopped {
		return
	}
	// Stop first: errh may not return.
	s.stopped = true
	s.ch = -1
	s.tok = _EOF
	s.pos = pos
	s.end = pos
	s.errh(pos, fmt.Sprintf(format, args...))
}

func (s *scanner) here() Pos { return Pos{s.line, s.col} }

// nextch advances to the next character. "\r\n" and a lone "\r" read as
// one '\n', like Python's universal newlines.
func (s *scanner) nextch() {
	if s.ch == '\n' {
		s.line++
		s.col = 1
	} else if s.ch >= 0 {
		s.col++
	}
	s.off = s.roff
	if s.stopped || s.off >= len(s.src) {
		s.ch = -1
		return
	}
	b := s.src[s.off]
	if b < utf8.RuneSelf {
		s.roff = s.off + 1
		switch b {
		case '\r':
			if s.roff < len(s.src) && s.src[s.roff] == '\n' {
				s.roff++
			}
			s.ch = '\n'
		case 0:
			s.fatalf(s.here(), "source code cannot contain null bytes")
		default:
			s.ch = rune(b)
		}
		return
	}
	r, w := utf8.DecodeRune(s.src[s.off:])
	s.roff = s.off + w
	if r == utf8.RuneError && w == 1 {
		s.fatalf(s.here(), "invalid UTF-8 encoding (source files must be UTF-8)")
		return
	}
	s.ch = r
}

// peek returns the byte k bytes after the current character, or 0.
func (s *scanner) peek(k int) byte {
	if i := s.roff + k; i < len(s.src) {
		return s.src[i]
	}
	return 0
}

// next reads the next token into s.tok, s.pos, s.end and s.lit.
func (s *scanner) next() {
	prevEnd := s.end
	if s.stopped {
		s.tok = _EOF
		s.pos = prevEnd
		return
	}
	if s.dedents > 0 {
		s.dedents--
		s.tok, s.pos, s.end = _Dedent, s.dedentPos, s.dedentPos
		return
	}
redo:
	if s.atBOL && len(s.parens) == 0 {
		if s.indentation() {
			return
		}
	}
	for s.ch == ' ' || s.ch == '\t' || s.ch == '\f' {
		s.nextch()
	}
	if s.ch == '#' {
		for s.ch != '\n' && s.ch >= 0 {
			s.nextch()
		}
	}
	s.pos = s.here()
	s.lit = ""
	switch s.ch {
	case -1:
		if s.stopped {
			s.tok, s.end = _EOF, s.pos
			return
		}
		if len(s.parens) > 0 {
			p := s.parens[len(s.parens)-1]
			s.unclosed, s.unclosedCh = p.pos, p.ch
			s.fatalf(p.pos, "'%c' was never closed", p.ch)
			return
		}
		if s.lineTokens {
			// the last line has no line break: end it anyway
			s.lineTokens = false
			s.atBOL = true
			s.tok, s.pos, s.end = _Newline, prevEnd, prevEnd
			return
		}
		if len(s.indents) > 1 {
			s.atBOL = true
			goto redo
		}
		s.tok, s.end = _EOF, s.pos
		return
	case '\n':
		s.nextch()
		if len(s.parens) > 0 {
			goto redo // implicit line joining
		}
		if !s.lineTokens {
			s.atBOL = true // the line held only a continuation
			goto redo
		}
		s.lineTokens = false
		s.atBOL = true
		// A NEWLINE sits just after the line's last token, so that
		// "expected ':'" points there rather than after a comment.
		s.tok, s.pos, s.end = _Newline, prevEnd, prevEnd
		return
	case '\\':
		s.nextch()
		if s.ch == '\n' {
			s.nextch()
			goto redo
		}
		if s.ch < 0 {
			s.fatalf(s.here(), "unexpected end of file after line continuation character")
			return
		}
		s.errorf(s.here(), "unexpected character after line continuation character")
		goto redo
	}
	switch c := s.ch; {
	case isIdentStart(c):
		s.ident()
	case '0' <= c && c <= '9' || c == '.' && isDecimal(rune(s.peek(0))):
		s.number()
	case c == '"' || c == '\'':
		s.str("")
	default:
		if !s.operator() {
			goto redo
		}
	}
	s.lineTokens = true
	s.end = s.here()
}

// indentation runs at the start of a logical line: it skips blank and
// comment-only lines and compares the next line's indentation with the
// stack. It reports whether it produced a token (INDENT, DEDENT, or EOF
// after a fatal error).
func (s *scanner) indentation() bool {
	var col, alt int
	for {
		col, alt = 0, 0
	measure:
		for {
			switch s.ch {
			case ' ':
				col++
				alt++
			case '\t':
				col = (col/tabSize + 1) * tabSize
				alt++
			case '\f':
				col, alt = 0, 0 // as CPython: a form feed resets the count
			default:
				break measure
			}
			s.nextch()
		}
		if s.ch == '#' {
			for s.ch != '\n' && s.ch >= 0 {
				s.nextch()
			}
		}
		if s.ch != '\n' {
			break
		}
		s.nextch() // a blank line: no tokens at all
	}
	s.atBOL = false
	pos := s.here()
	if s.ch < 0 {
		col, alt = 0, 0 // close every block at the end of the file
	}
	top := s.indents[len(s.indents)-1]
	switch {
	case col == top.col:
		if alt != top.alt {
			s.fatalf(pos, "inconsistent use of tabs and spaces in indentation")
			return true
		}
		return false
	case col > top.col:
		if alt <= top.alt {
			s.fatalf(pos, "inconsistent use of tabs and spaces in indentation")
			return true
		}
		if len(s.indents) > maxIndent {
			s.fatalf(pos, "too many levels of indentation")
			return true
		}
		s.indents = append(s.indents, indent{col, alt})
		s.tok, s.pos, s.end = _Indent, pos, pos
		return true
	}
	n := 0
	for len(s.indents) > 1 && col < s.indents[len(s.indents)-1].col {
		s.indents = s.indents[:len(s.indents)-1]
		n++
	}
	top = s.indents[len(s.indents)-1]
	if col != top.col {
		s.fatalf(pos, "unindent does not match any outer indentation level")
		return true
	}
	if alt != top.alt {
		s.fatalf(pos, "inconsistent use of tabs and spaces in indentation")
		return true
	}
	s.tok, s.pos, s.end = _Dedent, pos, pos
	s.dedents, s.dedentPos = n-1, pos
	return true
}

func isDecimal(c rune) bool { return '0' <= c && c <= '9' }

func isIdentStart(c rune) bool {
	if c < utf8.RuneSelf {
		return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_'
	}
	// An approximation of XID_Start (CPython also NFKC-normalizes names;
	// we do not, so look-alike spellings are different names here).
	return unicode.IsLetter(c) || unicode.Is(unicode.Nl, c) || unicode.Is(unicode.Other_ID_Start, c)
}

func isIdentPart(c rune) bool {
	if c < utf8.RuneSelf {
		return isIdentStart(c) || isDecimal(c)
	}
	return isIdentStart(c) || unicode.In(c, unicode.Mn, unicode.Mc, unicode.Nd, unicode.Pc, unicode.Other_ID_Continue)
}

func (s *scanner) ident() {
	start := s.off
	for isIdentPart(s.ch) {
		s.nextch()
	}
	word := string(s.src[start:s.off])
	if (s.ch == '"' || s.ch == '\'') && isStringPrefix(word) {
		s.str(word)
		return
	}
	if t, ok := keywords[word]; ok {
		s.tok = t
		return
	}
	s.tok = _Name
	s.lit = word
}

func isStringPrefix(w string) bool {
	switch strings.ToLower(w) {
	case "r", "u", "b", "f", "br", "rb", "fr", "rf":
		return true
	}
	return false
}

// number scans an integer or floating-point literal.
func (s *scanner) number() {
	pos := s.here()
	var text []byte // the literal without underscores
	s.tok = _Int

	// digits scans digits accepted by ok, with single underscores between
	// them; it reports whether the underscores were well placed.
	digits := func(ok func(rune) bool) (n int, good bool) {
		good = true
		for {
			if ok(s.ch) {
				text = append(text, byte(s.ch))
				n++
				s.nextch()
				continue
			}
			if s.ch == '_' {
				s.nextch()
				if !ok(s.ch) {
					good = false
				}
				continue
			}
			return n, good
		}
	}

	if s.ch == '0' && strings.ContainsRune("xXoObB", rune(s.peek(0))) {
		text = append(text, '0', s.src[s.roff])
		s.nextch()
		s.nextch()
		var kind string
		var ok func(rune) bool
		var wide func(rune) bool // digits that do not belong, but are read as part of the literal
		switch text[1] {
		case 'x', 'X':
			kind, ok, wide = "hexadecimal", isHex, isHex
		case 'o', 'O':
			kind, ok, wide = "octal", func(c rune) bool { return '0' <= c && c <= '7' }, isDecimal
		default:
			kind, ok, wide = "binary", func(c rune) bool { return c == '0' || c == '1' }, isDecimal
		}
		if s.ch == '_' { // 0x_ff is valid
			s.nextch()
		}
		n, good := digits(ok)
		switch {
		case wide(s.ch):
			s.errorf(s.here(), "invalid digit '%c' in %s literal", s.ch, kind)
			s.skipLiteral()
		case n == 0 || !good:
			s.errorf(s.here(), "invalid %s literal", kind)
			s.skipLiteral()
		case isIdentPart(s.ch) && !s.keywordFollows():
			s.errorf(s.here(), "invalid %s literal", kind)
			s.skipLiteral()
		}
		if n == 0 {
			text = append(text, '0')
		}
		s.lit = string(text)
		return
	}

	good := true
	intDigits := 0
	if s.ch != '.' {
		intDigits, good = digits(isDecimal)
	}
	isFloat := false
	if s.ch == '.' {
		isFloat = true
		text = append(text, '.')
		s.nextch()
		if s.ch == '_' {
			good = false
		}
		if isDecimal(s.ch) {
			_, ok := digits(isDecimal)
			good = good && ok
		}
	}
	if (s.ch == 'e' || s.ch == 'E') && good {
		// an exponent, unless this is "1else" or the like
		c1, c2 := s.peek(0), s.peek(1)
		if isDecimal(rune(c1)) || (c1 == '+' || c1 == '-') && isDecimal(rune(c2)) {
			isFloat = true
			text = append(text, 'e')
			s.nextch()
			if s.ch == '+' || s.ch == '-' {
				text = append(text, byte(s.ch))
				s.nextch()
			}
			_, ok := digits(isDecimal)
			good = good && ok
		}
	}
	imag := false
	if s.ch == 'j' || s.ch == 'J' {
		imag = true
		s.nextch()
	}
	switch {
	case !good:
		s.errorf(pos, "invalid decimal literal")
		s.skipLiteral()
	case isIdentPart(s.ch) && !s.keywordFollows():
		s.errorf(pos, "invalid decimal literal")
		s.skipLiteral()
	case imag:
		s.errorf(pos, "imaginary numbers are not supported in kernels")
	case !isFloat && intDigits > 1 && text[0] == '0' && strings.Trim(string(text), "0") != "":
		s.errorf(pos, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers")
	}
	s.lit = string(text)
	if isFloat || imag {
		s.tok = _Float
		// Text is well formed unless an error was reported; 1e999 is +Inf as in Python.
		s.fval, _ = strconv.ParseFloat(s.lit, 64)
	}
}

func isHex(c rune) bool {
	return isDecimal(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func hexVal(c rune) int {
	switch {
	case c <= '9':
		return int(c - '0')
	case c <= 'F':
		return int(c - 'A' + 10)
	}
	return int(c - 'a' + 10)
}

// keywordFollows reports whether a keyword that may directly follow a
// number ("1if x else 2", "0x1for") starts at the current character.
func (s *scanner) keywordFollows() bool {
	rest := s.src[s.off:]
	for _, kw := range [...]string{"and", "else", "for", "if", "in", "is", "not", "or"} {
		if bytes.HasPrefix(rest, []byte(kw)) {
			return true
		}
	}
	return false
}

// skipLiteral skips the rest of a malformed number, so that one mistake
// gives one error.
func (s *scanner) skipLiteral() {
	for isIdentPart(s.ch) || s.ch == '.' && isDecimal(rune(s.peek(0))) {
		s.nextch()
	}
}

// str scans a string literal whose (possibly empty) prefix was already read.
func (s *scanner) str(prefix string) {
	pos := s.pos
	lower := strings.ToLower(prefix)
	raw := strings.Contains(lower, "r")
	isBytes := strings.Contains(lower, "b")
	// An f-string scans as a string; the checker reports it where kernel
	// code uses it (host code may).
	s.fstr = strings.Contains(lower, "f")
	_ = pos
	s.tok = _String
	s.bytes = isBytes

	quote := s.ch
	s.nextch()
	triple := false
	if s.ch == quote {
		if rune(s.peek(0)) != quote {
			s.nextch() // the empty string
			s.lit = ""
			return
		}
		triple = true
		s.nextch()
		s.nextch()
	}

	var buf []byte
	for {
		switch {
		case s.ch < 0:
			if triple {
				s.fatalf(pos, "unterminated triple-quoted string literal (detected at line %d)", s.line)
			} else {
				s.errorf(pos, "unterminated string literal (detected at line %d)", s.line)
			}
			s.lit = string(buf)
			return
		case s.ch == '\n' && !triple:
			s.errorf(pos, "unterminated string literal (detected at line %d)", s.line)
			s.lit = string(buf)
			return
		case s.ch == quote:
			s.nextch()
			if !triple {
				s.lit = string(buf)
				return
			}
			if s.ch == quote && rune(s.peek(0)) == quote {
				s.nextch()
				s.nextch()
				s.lit = string(buf)
				return
			}
			buf = append(buf, byte(quote))
		case s.ch == '\\':
			esc := s.here()
			s.nextch()
			if s.ch < 0 {
				continue // reported as unterminated
			}
			if raw {
				// A raw string keeps the backslash; it only stops the
				// next character from ending the string.
				buf = append(buf, '\\')
				buf = utf8.AppendRune(buf, s.ch)
				s.nextch()
				continue
			}
			buf = s.escape(buf, esc, isBytes)
		default:
			if isBytes && s.ch >= utf8.RuneSelf {
				s.errorf(s.here(), "bytes can only contain ASCII literal characters")
			}
			buf = utf8.AppendRune(buf, s.ch)
			s.nextch()
		}
	}
}

// escape decodes the escape sequence after a backslash (at esc) in a
// non-raw literal and appends its value to buf.
func (s *scanner) escape(buf []byte, esc Pos, isBytes bool) []byte {
	c := s.ch
	if simple := strings.IndexRune("\n\\'\"abfnrtv", c); simple >= 0 {
		s.nextch()
		if c == '\n' {
			return buf // a backslash-newline continues the literal on the next line
		}
		return append(buf, "\n\\'\"\a\b\f\n\r\t\v"[simple])
	}
	switch {
	case '0' <= c && c <= '7':
		v := 0
		for i := 0; i < 3 && '0' <= s.ch && s.ch <= '7'; i++ {
			v = v*8 + int(s.ch-'0')
			s.nextch()
		}
		if isBytes {
			if v > 0xFF {
				s.errorf(esc, "octal escape value %#o out of range in bytes literal", v)
			}
			return append(buf, byte(v))
		}
		return utf8.AppendRune(buf, rune(v))
	case c == 'x' || !isBytes && (c == 'u' || c == 'U'):
		n := 2
		switch c {
		case 'u':
			n = 4
		case 'U':
			n = 8
		}
		s.nextch()
		v := 0
		for i := 0; i < n; i++ {
			if !isHex(s.ch) {
				s.errorf(esc, "truncated \\%c escape: expected %d hexadecimal digits", c, n)
				return buf
			}
			v = v*16 + hexVal(s.ch)
			s.nextch()
		}
		switch {
		case c == 'x' && isBytes:
			return append(buf, byte(v))
		case v > unicode.MaxRune:
			s.errorf(esc, "illegal Unicode character \\%c%0*x in string literal", c, n, v)
			return buf
		case 0xD800 <= v && v < 0xE000:
			s.errorf(esc, "surrogate code points are not supported in kernel strings")
			return buf
		}
		return utf8.AppendRune(buf, rune(v))
	case c == 'N' && !isBytes:
		s.errorf(esc, "\\N{...} escapes are not supported in kernels")
		s.nextch()
		if s.ch == '{' {
			for s.ch != '}' && s.ch != '\n' && s.ch >= 0 {
				s.nextch()
			}
			if s.ch == '}' {
				s.nextch()
			}
		}
		return buf
	}
	// Python keeps an unknown escape as written (and warns).
	s.nextch()
	return utf8.AppendRune(append(buf, '\\'), c)
}

// operator scans an operator or delimiter. It reports false, after an
// error, for a character that starts no token.
func (s *scanner) operator() bool {
	c := s.ch
	pos := s.here()
	s.nextch()
	// two- and three-character operators
	switch c {
	case '(', '[', '{':
		if len(s.parens) >= maxParens {
			s.fatalf(pos, "too many nested parentheses")
			return true
		}
		s.parens = append(s.parens, paren{byte(c), pos})
		s.tok = [...]token{_Lparen, _Lbrack, _Lbrace}[strings.IndexRune("([{", c)]
		return true
	case ')', ']', '}':
		if len(s.parens) == 0 {
			s.fatalf(pos, "unmatched '%c'", c)
			return true
		}
		open := s.parens[len(s.parens)-1]
		if want := rune(")]}"[strings.IndexByte("([{", open.ch)]); want != c {
			if open.pos.Line != pos.Line {
				s.fatalf(pos, "closing parenthesis '%c' does not match opening parenthesis '%c' on line %d", c, open.ch, open.pos.Line)
			} else {
				s.fatalf(pos, "closing parenthesis '%c' does not match opening parenthesis '%c'", c, open.ch)
			}
			return true
		}
		s.parens = s.parens[:len(s.parens)-1]
		s.tok = [...]token{_Rparen, _Rbrack, _Rbrace}[strings.IndexRune(")]}", c)]
		return true
	case ',':
		s.tok = _Comma
		return true
	case ';':
		s.tok = _Semi
		return true
	case '~':
		s.tok = _Tilde
		return true
	case '.':
		if s.ch == '.' && s.peek(0) == '.' {
			s.nextch()
			s.nextch()
			s.tok = _Ellipsis
			return true
		}
		s.tok = _Dot
		return true
	case ':':
		s.tok = _Colon
		if s.ch == '=' {
			s.nextch()
			s.tok = _Walrus
		}
		return true
	case '=':
		s.tok = _Assign
		if s.ch == '=' {
			s.nextch()
			s.tok = _Eq
		}
		return true
	case '!':
		if s.ch == '=' {
			s.nextch()
			s.tok = _Ne
			return true
		}
	case '-':
		if s.ch == '>' {
			s.nextch()
			s.tok = _Arrow
			return true
		}
		s.binop(_Minus)
		return true
	case '<', '>':
		t, le, sh := _Lt, _Le, _LShift
		if c == '>' {
			t, le, sh = _Gt, _Ge, _RShift
		}
		switch s.ch {
		case '=':
			s.nextch()
			s.tok = le
		case c:
			s.nextch()
			s.binop(sh)
		default:
			s.tok = t
		}
		return true
	case '*', '/':
		t, d := _Star, _DStar
		if c == '/' {
			t, d = _Slash, _DSlash
		}
		if s.ch == c {
			s.nextch()
			t = d
		}
		s.binop(t)
		return true
	case '+':
		s.binop(_Plus)
		return true
	case '%':
		s.binop(_Percent)
		return true
	case '&':
		s.binop(_Amp)
		return true
	case '|':
		s.binop(_Pipe)
		return true
	case '^':
		s.binop(_Caret)
		return true
	case '@':
		s.binop(_At)
		return true
	}
	if unicode.IsPrint(c) {
		s.errorf(pos, "invalid character '%c' (U+%04X)", c, c)
	} else {
		s.errorf(pos, "invalid non-printable character U+%04X", c)
	}
	// Drop the character and go on with the next token; the parser's
	// one-error-per-line rule hides what this might do to the line.
	return false
}

// binop sets tok to the operator t, or to _AugAssign if '=' follows.
func (s *scanner) binop(t token) {
	if s.ch == '=' {
		s.nextch()
		s.tok = _AugAssign
		s.op = binops[t].op
		if t == _DStar {
			s.op = Pow
		}
		return
	}
	s.tok = t
}
