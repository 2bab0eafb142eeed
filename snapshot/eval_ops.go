package snapshot

import (
	"math"
	"math/bits"
	"strings"

	"github.com/rules-artiq/rules_artiq/compiler/syntax"
)

func (ip *interp) unary(op syntax.Op, x value, pos Pos) (value, error) {
	if e, ok := x.(*errV); ok {
		return nil, e.used(pos)
	}
	if op == syntax.Not {
		return !truth(x), nil
	}
	if a, ok := x.(*arrayV); ok && op == syntax.Sub {
		return ip.arrayOp(syntax.Mul, a, intV{-1, pyInt}, false, pos)
	}
	if i, ok := asInt(x); ok {
		switch op {
		case syntax.Sub:
			if i.v == math.MinInt64 {
				return nil, ip.overflow(pos)
			}
			return ip.fitInt(intV{-i.v, i.np}, pos)
		case syntax.Add:
			return i, nil
		case syntax.Invert:
			return ip.fitInt(intV{^i.v, i.np}, pos)
		}
	}
	if f, ok := x.(float64); ok {
		switch op {
		case syntax.Sub:
			return -f, nil
		case syntax.Add:
			return f, nil
		}
	}
	return nil, ip.errAt(pos, "TypeError: bad operand type for unary %s: '%s'", op, typeName(x))
}

func (ip *interp) overflow(pos Pos) error {
	return ip.unsupported(pos, "an integer beyond 64 bits")
}

// fitInt checks that a NumPy int32 result fits.
func (ip *interp) fitInt(i intV, pos Pos) (value, error) {
	if i.np == np32 && (i.v < math.MinInt32 || i.v > math.MaxInt32) {
		return nil, ip.errAt(pos, "OverflowError: %d does not fit numpy.int32", i.v)
	}
	return i, nil
}

func resultKind(a, b intKind) intKind {
	if a == np64 || b == np64 {
		return np64
	}
	if a == np32 || b == np32 {
		return np32
	}
	return pyInt
}

func (ip *interp) binop(op syntax.Op, x, y value, pos Pos) (value, error) {
	if err := ip.step(pos); err != nil {
		return nil, err
	}
	if a, ok := x.(*arrayV); ok {
		return ip.arrayOp(op, a, y, false, pos)
	}
	if a, ok := y.(*arrayV); ok {
		return ip.arrayOp(op, a, x, true, pos)
	}
	// Booleans with bit operators stay booleans.
	if bx, ok := x.(bool); ok {
		if by, ok := y.(bool); ok {
			switch op {
			case syntax.BitAnd:
				return bx && by, nil
			case syntax.BitOr:
				return bx || by, nil
			case syntax.BitXor:
				return bx != by, nil
			}
		}
	}
	xi, xIsInt := asInt(x)
	yi, yIsInt := asInt(y)
	if xIsInt && yIsInt {
		return ip.intOp(op, xi, yi, pos)
	}
	xf, xNum := asFloat(x)
	yf, yNum := asFloat(y)
	if xNum && yNum {
		return ip.floatOp(op, xf, yf, pos)
	}
	switch xv := x.(type) {
	case string:
		switch op {
		case syntax.Add:
			if ys, ok := y.(string); ok {
				if len(xv)+len(ys) > maxStr {
					return nil, ip.errAt(pos, "string too long for the snapshot evaluator")
				}
				if err := ip.charge(len(xv)+len(ys), pos); err != nil {
					return nil, err
				}
				return xv + ys, nil
			}
		case syntax.Mul:
			if yIsInt {
				return ip.repeatStr(xv, yi.v, pos)
			}
		case syntax.Mod:
			return ip.percentFormat(xv, y, pos)
		}
	case *listV:
		switch op {
		case syntax.Add:
			if yl, ok := y.(*listV); ok {
				if len(xv.elems)+len(yl.elems) > maxElems {
					return nil, ip.errAt(pos, "list too long for the snapshot evaluator")
				}
				if err := ip.charge(8*(len(xv.elems)+len(yl.elems)), pos); err != nil {
					return nil, err
				}
				return &listV{elems: append(append([]value{}, xv.elems...), yl.elems...)}, nil
			}
		case syntax.Mul:
			if yIsInt {
				e, err := ip.repeatSeq(xv.elems, yi.v, pos)
				return &listV{elems: e}, err
			}
		}
	case *tupleV:
		switch op {
		case syntax.Add:
			if yt, ok := y.(*tupleV); ok {
				if len(xv.elems)+len(yt.elems) > maxElems {
					return nil, ip.errAt(pos, "tuple too long for the snapshot evaluator")
				}
				return &tupleV{elems: append(append([]value{}, xv.elems...), yt.elems...)}, nil
			}
		case syntax.Mul:
			if yIsInt {
				e, err := ip.repeatSeq(xv.elems, yi.v, pos)
				return &tupleV{elems: e}, err
			}
		}
	case *setV:
		if ys, ok := y.(*setV); ok {
			switch op {
			case syntax.BitOr, syntax.BitAnd, syntax.Sub, syntax.BitXor:
				return ip.setOp(op, xv, ys, pos)
			}
		}
	case *dictV:
		if yd, ok := y.(*dictV); ok && op == syntax.BitOr {
			out := newDict()
			for _, d := range []*dictV{xv, yd} {
				for i := range d.keys {
					if err := ip.dictSet(out, d.keys[i], d.vals[i], d.pos[i], pos); err != nil {
						return nil, err
					}
				}
			}
			return out, nil
		}
	}
	if xIsInt {
		switch yv := y.(type) {
		case string:
			if op == syntax.Mul {
				return ip.repeatStr(yv, xi.v, pos)
			}
		case *listV:
			if op == syntax.Mul {
				e, err := ip.repeatSeq(yv.elems, xi.v, pos)
				return &listV{elems: e}, err
			}
		case *tupleV:
			if op == syntax.Mul {
				e, err := ip.repeatSeq(yv.elems, xi.v, pos)
				return &tupleV{elems: e}, err
			}
		}
	}
	if e, ok := x.(*errV); ok {
		return nil, e.used(pos)
	}
	if e, ok := y.(*errV); ok {
		return nil, e.used(pos)
	}
	return nil, ip.errAt(pos, "TypeError: unsupported operand types for %s: '%s' and '%s'", op, typeName(x), typeName(y))
}

func (ip *interp) repeatStr(s string, n int64, pos Pos) (value, error) {
	if n <= 0 {
		return "", nil
	}
	if int64(len(s))*n > maxStr || n > maxStr {
		return nil, ip.errAt(pos, "string too long for the snapshot evaluator")
	}
	if err := ip.charge(len(s)*int(n), pos); err != nil {
		return nil, err
	}
	return strings.Repeat(s, int(n)), nil
}

func (ip *interp) repeatSeq(e []value, n int64, pos Pos) ([]value, error) {
	if n <= 0 {
		return []value{}, nil
	}
	if int64(len(e))*n > maxElems || n > maxElems {
		return nil, ip.errAt(pos, "sequence too long for the snapshot evaluator")
	}
	if err := ip.charge(len(e)*int(n)*8, pos); err != nil {
		return nil, err
	}
	out := make([]value, 0, len(e)*int(n))
	for i := int64(0); i < n; i++ {
		out = append(out, e...)
	}
	return out, nil
}

func (ip *interp) intOp(op syntax.Op, x, y intV, pos Pos) (value, error) {
	k := resultKind(x.np, y.np)
	a, b := x.v, y.v
	var r int64
	switch op {
	case syntax.Add:
		r = a + b
		if (b > 0 && r < a) || (b < 0 && r > a) {
			return nil, ip.overflow(pos)
		}
	case syntax.Sub:
		r = a - b
		if (b < 0 && r < a) || (b > 0 && r > a) {
			return nil, ip.overflow(pos)
		}
	case syntax.Mul:
		hi, lo := bits.Mul64(uint64(abs64(a)), uint64(abs64(b)))
		if hi != 0 || lo > math.MaxInt64 || a == math.MinInt64 || b == math.MinInt64 {
			return nil, ip.overflow(pos)
		}
		r = int64(lo)
		if (a < 0) != (b < 0) {
			r = -r
		}
	case syntax.Div:
		if b == 0 {
			return nil, ip.errAt(pos, "ZeroDivisionError: division by zero")
		}
		return float64(a) / float64(b), nil
	case syntax.FloorDiv, syntax.Mod:
		if b == 0 {
			return nil, ip.errAt(pos, "ZeroDivisionError: integer division or modulo by zero")
		}
		if a == math.MinInt64 && b == -1 {
			return nil, ip.overflow(pos)
		}
		q, m := a/b, a%b
		if m != 0 && (m < 0) != (b < 0) {
			q--
			m += b
		}
		if op == syntax.FloorDiv {
			r = q
		} else {
			r = m
		}
	case syntax.Pow:
		if b < 0 {
			if a == 0 {
				return nil, ip.errAt(pos, "ZeroDivisionError: 0 cannot be raised to a negative power")
			}
			return math.Pow(float64(a), float64(b)), nil
		}
		r = 1
		base := a
		for e := b; e > 0; e >>= 1 {
			if e&1 == 1 {
				v, err := ip.intOp(syntax.Mul, intV{r, pyInt}, intV{base, pyInt}, pos)
				if err != nil {
					return nil, err
				}
				r = v.(intV).v
			}
			if e > 1 {
				v, err := ip.intOp(syntax.Mul, intV{base, pyInt}, intV{base, pyInt}, pos)
				if err != nil {
					return nil, err
				}
				base = v.(intV).v
			}
		}
	case syntax.LShift:
		if b < 0 {
			return nil, ip.errAt(pos, "ValueError: negative shift count")
		}
		if a != 0 && (b >= 63 || bits.Len64(uint64(abs64(a)))+int(b) > 63) {
			return nil, ip.overflow(pos)
		}
		r = a << uint(b)
	case syntax.RShift:
		if b < 0 {
			return nil, ip.errAt(pos, "ValueError: negative shift count")
		}
		if b > 63 {
			b = 63
		}
		r = a >> uint(b)
	case syntax.BitAnd:
		r = a & b
	case syntax.BitOr:
		r = a | b
	case syntax.BitXor:
		r = a ^ b
	default:
		return nil, ip.errAt(pos, "TypeError: unsupported operand types for %s: 'int' and 'int'", op)
	}
	return ip.fitInt(intV{r, k}, pos)
}

func abs64(a int64) int64 {
	if a < 0 {
		return -a
	}
	return a
}

func (ip *interp) floatOp(op syntax.Op, a, b float64, pos Pos) (value, error) {
	switch op {
	case syntax.Add:
		return a + b, nil
	case syntax.Sub:
		return a - b, nil
	case syntax.Mul:
		return a * b, nil
	case syntax.Div:
		if b == 0 {
			return nil, ip.errAt(pos, "ZeroDivisionError: float division by zero")
		}
		return a / b, nil
	case syntax.FloorDiv, syntax.Mod:
		if b == 0 {
			return nil, ip.errAt(pos, "ZeroDivisionError: float modulo")
		}
		div, mod := floatDivmod(a, b)
		if op == syntax.FloorDiv {
			return div, nil
		}
		return mod, nil
	case syntax.Pow:
		if a == 0 && b < 0 {
			return nil, ip.errAt(pos, "ZeroDivisionError: 0.0 cannot be raised to a negative power")
		}
		if a < 0 && b != math.Trunc(b) {
			return nil, ip.unsupported(pos, "a complex power")
		}
		return math.Pow(a, b), nil
	}
	return nil, ip.errAt(pos, "TypeError: unsupported operand types for %s: 'float' and 'float'", op)
}

// floatDivmod is Python's divmod for floats: the remainder has the sign of
// the divisor, and the quotient is rounded to the nearest integer value.
func floatDivmod(x, y float64) (float64, float64) {
	mod := math.Mod(x, y)
	div := (x - mod) / y
	if mod != 0 {
		if (y < 0) != (mod < 0) {
			mod += y
			div -= 1
		}
	} else {
		mod = math.Copysign(0, y)
	}
	var floordiv float64
	if div != 0 {
		floordiv = math.Floor(div)
		if div-floordiv > 0.5 {
			floordiv += 1
		}
	} else {
		floordiv = math.Copysign(0, x/y)
	}
	return floordiv, mod
}

func (ip *interp) setOp(op syntax.Op, a, b *setV, pos Pos) (*setV, error) {
	out := newSet()
	switch op {
	case syntax.BitOr:
		for _, s := range []*setV{a, b} {
			for _, v := range s.items {
				if err := ip.setAdd(out, v, pos); err != nil {
					return nil, err
				}
			}
		}
	case syntax.BitAnd, syntax.Sub:
		for _, v := range a.items {
			in, err := ip.setHas(b, v, pos)
			if err != nil {
				return nil, err
			}
			if in == (op == syntax.BitAnd) {
				if err := ip.setAdd(out, v, pos); err != nil {
					return nil, err
				}
			}
		}
	case syntax.BitXor:
		for _, pair := range [][2]*setV{{a, b}, {b, a}} {
			for _, v := range pair[0].items {
				in, err := ip.setHas(pair[1], v, pos)
				if err != nil {
					return nil, err
				}
				if !in {
					if err := ip.setAdd(out, v, pos); err != nil {
						return nil, err
					}
				}
			}
		}
	}
	return out, nil
}

// arrayOp applies an arithmetic operator elementwise to an array and a
// scalar or an array of the same shape (rev: the array is the right operand).
func (ip *interp) arrayOp(op syntax.Op, a *arrayV, y value, rev bool, pos Pos) (value, error) {
	n := a.size()
	var other *arrayV
	if b, ok := y.(*arrayV); ok {
		if len(b.shape) != len(a.shape) {
			return nil, ip.unsupported(pos, "broadcasting arrays of different shapes")
		}
		for i := range a.shape {
			if a.shape[i] != b.shape[i] {
				return nil, ip.unsupported(pos, "broadcasting arrays of different shapes")
			}
		}
		other = b
	} else if !isNumber(y) {
		return nil, ip.errAt(pos, "TypeError: unsupported operand types for %s: array and '%s'", op, typeName(y))
	}
	switch op {
	case syntax.Add, syntax.Sub, syntax.Mul, syntax.Div, syntax.FloorDiv, syntax.Mod, syntax.Pow:
	default:
		return nil, ip.unsupported(pos, "the operator %s on arrays", op)
	}
	results := make([]value, n)
	for i := 0; i < n; i++ {
		if err := ip.step(pos); err != nil {
			return nil, err
		}
		l, r := a.at(i), y
		if other != nil {
			r = other.at(i)
		}
		if rev {
			l, r = r, l
		}
		v, err := ip.binop(op, l, r, pos)
		if err != nil {
			return nil, err
		}
		results[i] = v
	}
	return ip.makeArray(results, append([]int{}, a.shape...), "", pos)
}

func (ip *interp) compare(op syntax.Op, x, y value, pos Pos) (bool, error) {
	for _, v := range []value{x, y} {
		if e, ok := v.(*errV); ok {
			return false, e.used(pos)
		}
	}
	switch op {
	case syntax.Eq:
		return ip.equal(x, y, pos)
	case syntax.NotEq:
		eq, err := ip.equal(x, y, pos)
		return !eq, err
	case syntax.Is, syntax.IsNot:
		same := x == y
		if xi, ok := x.(intV); ok {
			yi, ok2 := y.(intV)
			same = ok2 && xi == yi
		}
		return same == (op == syntax.Is), nil
	case syntax.In, syntax.NotIn:
		in, err := ip.contains(y, x, pos)
		return in == (op == syntax.In), err
	}
	c, err := ip.order(x, y, pos)
	if err != nil {
		return false, err
	}
	switch op {
	case syntax.Lt:
		return c < 0, nil
	case syntax.LtE:
		return c <= 0 && c != 2, nil
	case syntax.Gt:
		return c > 0 && c != 2, nil
	case syntax.GtE:
		return c >= 0 && c != 2, nil
	}
	return false, ip.errAt(pos, "unsupported comparison %s", op)
}

// order compares x and y: -1, 0, 1, or 2 when unordered (NaN).
func (ip *interp) order(x, y value, pos Pos) (int, error) {
	if err := ip.step(pos); err != nil {
		return 0, err
	}
	xi, xok := asInt(x)
	yi, yok := asInt(y)
	if xok && yok {
		return cmp3(xi.v < yi.v, xi.v > yi.v), nil
	}
	xf, xok := asFloat(x)
	yf, yok := asFloat(y)
	if xok && yok {
		if math.IsNaN(xf) || math.IsNaN(yf) {
			return 2, nil
		}
		return cmp3(xf < yf, xf > yf), nil
	}
	switch xv := x.(type) {
	case string:
		if ys, ok := y.(string); ok {
			return strings.Compare(xv, ys), nil
		}
	case *listV:
		if yl, ok := y.(*listV); ok {
			return ip.orderSeq(xv.elems, yl.elems, pos)
		}
	case *tupleV:
		if yt, ok := y.(*tupleV); ok {
			return ip.orderSeq(xv.elems, yt.elems, pos)
		}
	}
	return 0, ip.errAt(pos, "TypeError: cannot order '%s' and '%s'", typeName(x), typeName(y))
}

func cmp3(lt, gt bool) int {
	switch {
	case lt:
		return -1
	case gt:
		return 1
	}
	return 0
}

func (ip *interp) orderSeq(a, b []value, pos Pos) (int, error) {
	for i := 0; i < len(a) && i < len(b); i++ {
		eq, err := ip.equal(a[i], b[i], pos)
		if err != nil {
			return 0, err
		}
		if !eq {
			return ip.order(a[i], b[i], pos)
		}
	}
	return cmp3(len(a) < len(b), len(a) > len(b)), nil
}

func (ip *interp) contains(container, x value, pos Pos) (bool, error) {
	switch c := container.(type) {
	case string:
		s, ok := x.(string)
		if !ok {
			return false, ip.errAt(pos, "TypeError: 'in <string>' requires string as left operand")
		}
		return strings.Contains(c, s), nil
	case *dictV:
		_, ok, err := ip.dictGet(c, x, pos)
		return ok, err
	case *setV:
		return ip.setHas(c, x, pos)
	}
	found := false
	err := ip.iterate(container, pos, func(e value) (bool, error) {
		eq, err := ip.equal(e, x, pos)
		if err != nil {
			return false, err
		}
		found = eq
		return !eq, nil
	})
	return found, err
}
