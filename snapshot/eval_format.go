package snapshot

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

const maxWidth = 1000 // the widest field or precision the evaluator formats

// percentFormat is Python's str % args.
func (ip *interp) percentFormat(f string, args value, pos Pos) (value, error) {
	var list []value
	var mapping *dictV
	switch a := args.(type) {
	case *tupleV:
		list = a.elems
	case *dictV:
		mapping = a
		list = []value{a}
	default:
		list = []value{a}
	}
	next := 0
	take := func() (value, error) {
		if next >= len(list) {
			return nil, ip.errAt(pos, "TypeError: not enough arguments for format string")
		}
		v := list[next]
		next++
		return v, nil
	}
	var b strings.Builder
	for i := 0; i < len(f); {
		c := f[i]
		if c != '%' {
			b.WriteByte(c)
			i++
			continue
		}
		i++
		if i >= len(f) {
			return nil, ip.errAt(pos, "ValueError: incomplete format")
		}
		var arg value
		haveArg := false
		if f[i] == '(' {
			j := strings.IndexByte(f[i:], ')')
			if j < 0 || mapping == nil {
				return nil, ip.errAt(pos, "TypeError: format requires a mapping")
			}
			v, ok, err := ip.dictGet(mapping, f[i+1:i+j], pos)
			if err != nil {
				return nil, err
			}
			if !ok {
				return nil, ip.errAt(pos, "KeyError: '%s'", f[i+1:i+j])
			}
			arg, haveArg = v, true
			i += j + 1
		}
		spec := fmtSpec{align: '>', fill: ' ', precision: -1}
		for i < len(f) && strings.IndexByte("-+ 0#", f[i]) >= 0 {
			switch f[i] {
			case '-':
				spec.align = '<'
			case '+':
				spec.sign = '+'
			case ' ':
				if spec.sign != '+' {
					spec.sign = ' '
				}
			case '0':
				spec.zero = true
			case '#':
				spec.alt = true
			}
			i++
		}
		readNum := func() (int, error) {
			if i < len(f) && f[i] == '*' {
				i++
				v, err := take()
				if err != nil {
					return 0, err
				}
				n, ok := asInt(v)
				if !ok {
					return 0, ip.errAt(pos, "TypeError: * wants int")
				}
				if n.v < 0 {
					spec.align = '<'
					n.v = -n.v
				}
				return int(min(n.v, maxWidth+1)), nil
			}
			n := 0
			for i < len(f) && f[i] >= '0' && f[i] <= '9' {
				n = min(n*10+int(f[i]-'0'), maxWidth+1)
				i++
			}
			return n, nil
		}
		w, err := readNum()
		if err != nil {
			return nil, err
		}
		spec.width = w
		if i < len(f) && f[i] == '.' {
			i++
			p, err := readNum()
			if err != nil {
				return nil, err
			}
			spec.precision = p
		}
		for i < len(f) && strings.IndexByte("hlL", f[i]) >= 0 {
			i++
		}
		if i >= len(f) {
			return nil, ip.errAt(pos, "ValueError: incomplete format")
		}
		spec.typ = f[i]
		i++
		if spec.width > maxWidth || spec.precision > maxWidth {
			return nil, ip.unsupported(pos, "a format width or precision above %d", maxWidth)
		}
		if spec.typ == '%' {
			b.WriteByte('%')
			continue
		}
		if !haveArg {
			if arg, err = take(); err != nil {
				return nil, err
			}
		}
		if spec.zero && spec.align == '>' {
			spec.fill, spec.align = '0', '='
		}
		var s string
		switch spec.typ {
		case 's', 'r', 'a':
			if spec.typ == 's' {
				s, err = ip.str(arg, pos)
			} else {
				s, err = ip.repr(arg, pos)
			}
			if err != nil {
				return nil, err
			}
			if spec.precision >= 0 && utf8.RuneCountInString(s) > spec.precision {
				s = string([]rune(s)[:spec.precision])
			}
			if spec.align == '=' {
				spec.align, spec.fill = '>', ' '
			}
			s = pad(s, spec)
		case 'd', 'i', 'u', 'x', 'X', 'o', 'c':
			if spec.typ == 'c' {
				switch a := arg.(type) {
				case string:
					s = a
				default:
					n, ok := asInt(arg)
					if !ok || n.v < 0 || n.v > 0x10ffff {
						return nil, ip.errAt(pos, "TypeError: %%c requires an int or a character")
					}
					s = string(rune(n.v))
				}
				if spec.align == '=' {
					spec.align, spec.fill = '>', ' '
				}
				s = pad(s, spec)
				break
			}
			n, ok := asInt(arg)
			if !ok {
				fv, fok := arg.(float64)
				if !fok || spec.typ != 'd' && spec.typ != 'i' && spec.typ != 'u' {
					return nil, ip.errAt(pos, "TypeError: %%%c format: a number is required, not %s", spec.typ, typeName(arg))
				}
				if math.IsNaN(fv) || math.IsInf(fv, 0) {
					return nil, ip.errAt(pos, "ValueError: cannot convert float %s to integer", FormatFloat(fv))
				}
				n = intV{int64(fv), pyInt}
			}
			t := spec.typ
			if t == 'i' || t == 'u' {
				t = 'd'
			}
			spec.typ = t
			if spec.precision >= 0 {
				// %.3d pads the digits with zeros.
				digits := formatIntDigits(n.v, t, false)
				for len(digits) < spec.precision {
					digits = "0" + digits
				}
				s = pad(signed(n.v < 0, digits, spec, prefixFor(t, spec.alt)), spec)
			} else {
				s = formatInt(n.v, spec)
			}
		case 'e', 'E', 'f', 'F', 'g', 'G':
			fv, ok := asFloat(arg)
			if !ok {
				return nil, ip.errAt(pos, "TypeError: must be real number, not %s", typeName(arg))
			}
			if spec.precision < 0 {
				spec.precision = 6
			}
			s = formatFloatSpec(fv, spec)
		default:
			return nil, ip.errAt(pos, "ValueError: unsupported format character '%c'", spec.typ)
		}
		if b.Len()+len(s) > maxStr {
			return nil, ip.errAt(pos, "string too long for the snapshot evaluator")
		}
		b.WriteString(s)
	}
	if mapping == nil && next < len(list) {
		return nil, ip.errAt(pos, "TypeError: not all arguments converted during string formatting")
	}
	return b.String(), nil
}

// fmtSpec is a parsed format specification (for both % and format()).
type fmtSpec struct {
	fill      rune
	align     byte // '<', '>', '^', '='
	sign      byte // 0, '+', '-', ' '
	alt       bool
	zero      bool
	width     int
	grouping  byte // 0, ',', '_'
	precision int  // -1 if absent
	typ       byte // 0 if absent
}

func pad(s string, spec fmtSpec) string {
	n := utf8.RuneCountInString(s)
	if n >= spec.width {
		return s
	}
	fill := strings.Repeat(string(spec.fill), spec.width-n)
	switch spec.align {
	case '<':
		return s + fill
	case '^':
		left := (spec.width - n) / 2
		return strings.Repeat(string(spec.fill), left) + s + strings.Repeat(string(spec.fill), spec.width-n-left)
	}
	return fill + s
}

func prefixFor(t byte, alt bool) string {
	if !alt {
		return ""
	}
	switch t {
	case 'x':
		return "0x"
	case 'X':
		return "0X"
	case 'o':
		return "0o"
	case 'b':
		return "0b"
	}
	return ""
}

func formatIntDigits(v int64, t byte, _ bool) string {
	u := uint64(v)
	if v < 0 {
		u = uint64(-v)
	}
	switch t {
	case 'x':
		return strconv.FormatUint(u, 16)
	case 'X':
		return strings.ToUpper(strconv.FormatUint(u, 16))
	case 'o':
		return strconv.FormatUint(u, 8)
	case 'b':
		return strconv.FormatUint(u, 2)
	}
	return strconv.FormatUint(u, 10)
}

// signed assembles sign, prefix and digits, padding with the fill between
// sign and digits for '=' alignment.
func signed(neg bool, digits string, spec fmtSpec, prefix string) string {
	sign := ""
	switch {
	case neg:
		sign = "-"
	case spec.sign == '+':
		sign = "+"
	case spec.sign == ' ':
		sign = " "
	}
	if spec.align == '=' {
		n := len(sign) + len(prefix) + utf8.RuneCountInString(digits)
		if n < spec.width {
			digits = strings.Repeat(string(spec.fill), spec.width-n) + digits
		}
	}
	return sign + prefix + digits
}

func group(digits string, sep byte, every int) string {
	if sep == 0 || len(digits) <= every {
		return digits
	}
	var parts []string
	for len(digits) > every {
		parts = append([]string{digits[len(digits)-every:]}, parts...)
		digits = digits[:len(digits)-every]
	}
	parts = append([]string{digits}, parts...)
	return strings.Join(parts, string(sep))
}

func formatInt(v int64, spec fmtSpec) string {
	t := spec.typ
	if t == 0 || t == 'n' {
		t = 'd'
	}
	digits := formatIntDigits(v, t, false)
	every := 3
	if t != 'd' {
		every = 4
	}
	digits = group(digits, spec.grouping, every)
	return pad(signed(v < 0, digits, spec, prefixFor(t, spec.alt)), spec)
}

func formatFloatSpec(f float64, spec fmtSpec) string {
	neg := math.Signbit(f) && !math.IsNaN(f)
	a := math.Abs(f)
	var digits string
	upper := spec.typ == 'E' || spec.typ == 'F' || spec.typ == 'G'
	switch {
	case math.IsNaN(f):
		digits = "nan"
	case math.IsInf(f, 0):
		digits = "inf"
	default:
		switch spec.typ {
		case 'e', 'E':
			digits = pyExp(strconv.FormatFloat(a, 'e', spec.precision, 64))
			if spec.alt && spec.precision == 0 {
				digits = strings.Replace(digits, "e", ".e", 1)
			}
		case 'f', 'F', '%':
			if spec.typ == '%' {
				a *= 100
			}
			digits = strconv.FormatFloat(a, 'f', spec.precision, 64)
			if spec.alt && spec.precision == 0 {
				digits += "."
			}
			if spec.typ == '%' {
				digits += "%"
			}
		case 'g', 'G', 0:
			p := spec.precision
			if p == 0 {
				p = 1
			}
			exp := 0
			if a != 0 {
				e := strconv.FormatFloat(a, 'e', p-1, 64)
				exp, _ = strconv.Atoi(e[strings.IndexByte(e, 'e')+1:])
			}
			if exp < -4 || exp >= p {
				digits = strconv.FormatFloat(a, 'e', p-1, 64)
				if !spec.alt {
					m, e, _ := strings.Cut(digits, "e")
					if strings.Contains(m, ".") {
						m = strings.TrimRight(strings.TrimRight(m, "0"), ".")
					}
					digits = m + "e" + e
				}
				digits = pyExp(digits)
			} else {
				digits = strconv.FormatFloat(a, 'f', max(p-1-exp, 0), 64)
				if !spec.alt && strings.Contains(digits, ".") {
					digits = strings.TrimRight(strings.TrimRight(digits, "0"), ".")
				}
			}
			if spec.typ == 0 && !strings.ContainsAny(digits, ".e") {
				digits += ".0"
			}
		}
	}
	if spec.grouping != 0 && !math.IsNaN(f) && !math.IsInf(f, 0) {
		ip, rest := digits, ""
		if i := strings.IndexAny(digits, ".e%"); i >= 0 {
			ip, rest = digits[:i], digits[i:]
		}
		digits = group(ip, spec.grouping, 3) + rest
	}
	if upper {
		digits = strings.ToUpper(digits)
	}
	if spec.align == '=' && (math.IsNaN(f) || math.IsInf(f, 0)) && spec.fill == '0' {
		spec.fill = ' '
	}
	return pad(signed(neg, digits, spec, ""), spec)
}

// pyExp rewrites Go's exponent (e+06 already has two digits) as Python
// writes it: at least two exponent digits.
func pyExp(s string) string {
	m, e, ok := strings.Cut(s, "e")
	if !ok {
		return s
	}
	sign := e[0]
	d := strings.TrimLeft(e[1:], "0")
	for len(d) < 2 {
		d = "0" + d
	}
	return m + "e" + string(sign) + d
}

// parseFormatSpec parses a format() specification:
// [[fill]align][sign][#][0][width][grouping][.precision][type].
func parseFormatSpec(s string) (fmtSpec, bool) {
	spec := fmtSpec{fill: ' ', precision: -1}
	rs := []rune(s)
	i := 0
	isAlign := func(r rune) bool { return r == '<' || r == '>' || r == '^' || r == '=' }
	explicitFill := false
	if len(rs) >= 2 && isAlign(rs[1]) {
		spec.fill, spec.align = rs[0], byte(rs[1])
		explicitFill = true
		i = 2
	} else if len(rs) >= 1 && isAlign(rs[0]) {
		spec.align = byte(rs[0])
		i = 1
	}
	if i < len(rs) && (rs[i] == '+' || rs[i] == '-' || rs[i] == ' ') {
		spec.sign = byte(rs[i])
		i++
	}
	if i < len(rs) && rs[i] == '#' {
		spec.alt = true
		i++
	}
	if i < len(rs) && rs[i] == '0' {
		spec.zero = true
		i++
	}
	for i < len(rs) && rs[i] >= '0' && rs[i] <= '9' {
		spec.width = min(spec.width*10+int(rs[i]-'0'), maxWidth+1)
		i++
	}
	if i < len(rs) && (rs[i] == ',' || rs[i] == '_') {
		spec.grouping = byte(rs[i])
		i++
	}
	if i < len(rs) && rs[i] == '.' {
		i++
		start := i
		p := 0
		for i < len(rs) && rs[i] >= '0' && rs[i] <= '9' {
			p = min(p*10+int(rs[i]-'0'), maxWidth+1)
			i++
		}
		if i == start {
			return spec, false
		}
		spec.precision = p
	}
	if i < len(rs) {
		if rs[i] > 127 {
			return spec, false
		}
		spec.typ = byte(rs[i])
		i++
	}
	if i != len(rs) || spec.width > maxWidth || spec.precision > maxWidth {
		return spec, false
	}
	if spec.zero {
		if !explicitFill {
			spec.fill = '0'
		}
		if spec.align == 0 {
			spec.align = '='
		}
	}
	return spec, true
}

// formatValue is Python's format(v, spec).
func (ip *interp) formatValue(v value, specText string, pos Pos) (string, error) {
	spec, ok := parseFormatSpec(specText)
	if !ok {
		return "", ip.errAt(pos, "ValueError: invalid format specifier %q", specText)
	}
	if b, ok := v.(bool); ok && spec.typ == 0 && specText == "" {
		return pyBool(b), nil
	}
	switch x := v.(type) {
	case bool, intV:
		n, _ := asInt(x)
		switch spec.typ {
		case 0, 'd', 'n', 'x', 'X', 'o', 'b', 'c':
			if spec.align == 0 {
				spec.align = '>'
			}
			if spec.typ == 'c' {
				return pad(string(rune(n.v)), spec), nil
			}
			return formatInt(n.v, spec), nil
		case 'e', 'E', 'f', 'F', 'g', 'G', '%':
			v = float64(n.v)
		default:
			return "", ip.errAt(pos, "ValueError: unknown format code '%c' for int", spec.typ)
		}
	}
	switch x := v.(type) {
	case float64:
		if spec.align == 0 {
			spec.align = '>'
		}
		switch spec.typ {
		case 0:
			if spec.precision < 0 {
				s := FormatFloat(x)
				neg := strings.HasPrefix(s, "-")
				s = strings.TrimPrefix(s, "-")
				if spec.grouping != 0 {
					ip, rest := s, ""
					if i := strings.IndexAny(s, ".e"); i >= 0 {
						ip, rest = s[:i], s[i:]
					}
					s = group(ip, spec.grouping, 3) + rest
				}
				return pad(signed(neg, s, spec, ""), spec), nil
			}
			return formatFloatSpec(x, spec), nil
		case 'e', 'E', 'f', 'F', 'g', 'G', '%':
			if spec.precision < 0 {
				spec.precision = 6
			}
			return formatFloatSpec(x, spec), nil
		}
		return "", ip.errAt(pos, "ValueError: unknown format code '%c' for float", spec.typ)
	case string:
		if spec.typ != 0 && spec.typ != 's' {
			return "", ip.errAt(pos, "ValueError: unknown format code '%c' for str", spec.typ)
		}
		if spec.align == 0 {
			spec.align = '<'
		}
		if spec.precision >= 0 && utf8.RuneCountInString(x) > spec.precision {
			x = string([]rune(x)[:spec.precision])
		}
		return pad(x, spec), nil
	}
	if specText != "" {
		return "", ip.errAt(pos, "TypeError: unsupported format string passed to %s.__format__", typeName(v))
	}
	return ip.str(v, pos)
}

// strFormat is Python's str.format.
func (ip *interp) strFormat(f string, args []value, kw []kwArg, pos Pos) (string, error) {
	var b strings.Builder
	auto := 0
	for i := 0; i < len(f); {
		c := f[i]
		if c == '}' {
			if i+1 < len(f) && f[i+1] == '}' {
				b.WriteByte('}')
				i += 2
				continue
			}
			return "", ip.errAt(pos, "ValueError: single '}' encountered in format string")
		}
		if c != '{' {
			b.WriteByte(c)
			i++
			continue
		}
		if i+1 < len(f) && f[i+1] == '{' {
			b.WriteByte('{')
			i += 2
			continue
		}
		j := strings.IndexByte(f[i:], '}')
		if j < 0 {
			return "", ip.errAt(pos, "ValueError: single '{' encountered in format string")
		}
		field := f[i+1 : i+j]
		i += j + 1
		if strings.Contains(field, "{") {
			return "", ip.unsupported(pos, "nested replacement fields in a format string")
		}
		spec := ""
		if k := strings.IndexByte(field, ':'); k >= 0 {
			field, spec = field[:k], field[k+1:]
		}
		conv := byte(0)
		if k := strings.IndexByte(field, '!'); k >= 0 {
			if k+2 != len(field) {
				return "", ip.errAt(pos, "ValueError: bad conversion in format string")
			}
			conv = field[k+1]
			field = field[:k]
		}
		// The first part names the argument; then .attr and [index] accessors.
		end := len(field)
		if k := strings.IndexAny(field, ".["); k >= 0 {
			end = k
		}
		first, rest := field[:end], field[end:]
		var v value
		if first == "" {
			if auto >= len(args) {
				return "", ip.errAt(pos, "IndexError: replacement index %d out of range", auto)
			}
			v = args[auto]
			auto++
		} else if n, err := strconv.Atoi(first); err == nil {
			if n < 0 || n >= len(args) {
				return "", ip.errAt(pos, "IndexError: replacement index %d out of range", n)
			}
			v = args[n]
		} else {
			found := false
			for _, k := range kw {
				if k.name == first {
					v, found = k.val, true
				}
			}
			if !found {
				return "", ip.errAt(pos, "KeyError: '%s'", first)
			}
		}
		for rest != "" {
			if rest[0] == '.' {
				k := strings.IndexAny(rest[1:], ".[")
				if k < 0 {
					k = len(rest) - 1
				}
				var err error
				if v, err = ip.getAttr(v, rest[1:1+k], pos); err != nil {
					return "", err
				}
				rest = rest[1+k:]
				continue
			}
			k := strings.IndexByte(rest, ']')
			if k < 0 {
				return "", ip.errAt(pos, "ValueError: missing ']' in format string")
			}
			var key value = rest[1:k]
			if n, err := strconv.Atoi(rest[1:k]); err == nil {
				key = intV{int64(n), pyInt}
			}
			var err error
			if v, err = ip.getItem(v, key, pos); err != nil {
				return "", err
			}
			rest = rest[k+1:]
		}
		switch conv {
		case 's':
			s, err := ip.str(v, pos)
			if err != nil {
				return "", err
			}
			v = s
		case 'r', 'a':
			s, err := ip.repr(v, pos)
			if err != nil {
				return "", err
			}
			v = s
		case 0:
		default:
			return "", ip.errAt(pos, "ValueError: unknown conversion '%c'", conv)
		}
		s, err := ip.formatValue(v, spec, pos)
		if err != nil {
			return "", err
		}
		if b.Len()+len(s) > maxStr {
			return "", ip.errAt(pos, "string too long for the snapshot evaluator")
		}
		b.WriteString(s)
	}
	return b.String(), nil
}
