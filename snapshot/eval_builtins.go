package snapshot

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/rules-artiq/rules_artiq/compiler/syntax"
)

// args helpers

type argSpec struct {
	name string
	def  value // nil: required
}

// getArgs binds positional and keyword arguments of a built-in function to
// its parameter list; missing optional ones get their defaults.
func (ip *interp) getArgs(fname string, args []value, kw []kwArg, pos Pos, params ...argSpec) ([]value, error) {
	out := make([]value, len(params))
	if len(args) > len(params) {
		return nil, ip.errAt(pos, "TypeError: %s() takes at most %d arguments (%d given)", fname, len(params), len(args))
	}
	copy(out, args)
	for _, k := range kw {
		found := false
		for i, p := range params {
			if p.name == k.name {
				if out[i] != nil {
					return nil, ip.errAt(pos, "TypeError: %s() got multiple values for argument '%s'", fname, k.name)
				}
				out[i], found = k.val, true
			}
		}
		if !found {
			return nil, ip.errAt(pos, "TypeError: %s() got an unexpected keyword argument '%s'", fname, k.name)
		}
	}
	for i, p := range params {
		if out[i] == nil {
			if p.def == nil {
				return nil, ip.errAt(pos, "TypeError: %s() missing required argument '%s'", fname, p.name)
			}
			out[i] = p.def
		}
	}
	return out, nil
}

func req(name string) argSpec          { return argSpec{name: name} }
func opt(name string, d value) argSpec { return argSpec{name: name, def: d} }

// absent marks an optional argument that was not given.
type absentT struct{}

var absent = absentT{}

func isAbsent(v value) bool { _, ok := v.(absentT); return ok }

func bi(name string, fn func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error)) *builtinV {
	return &builtinV{name: name, fn: fn}
}

func newBuiltinClass(name, module string, bases []*classV, native map[string]nativeMethod) *classV {
	c := &classV{name: name, module: module, bases: bases, ns: map[string]value{}, nsPos: map[string]Pos{},
		ann: map[string]*syntax.AnnAssign{}, native: native, builtin: true}
	mro, _ := c3(c)
	c.mro = mro
	return c
}

func (ip *interp) makeBuiltins() map[string]value {
	b := map[string]value{}
	object := &classV{name: "object", module: "builtins", ns: map[string]value{}, nsPos: map[string]Pos{},
		ann: map[string]*syntax.AnnAssign{}, builtin: true}
	object.mro = []*classV{object}
	b["object"] = object

	excInit := func(ip *interp, self *instance, args []value, kw []kwArg, pos Pos) (value, error) {
		if len(kw) > 0 {
			return nil, ip.errAt(pos, "TypeError: exceptions take no keyword arguments")
		}
		self.attrs["args"] = &tupleV{elems: append([]value{}, args...)}
		return noneV, nil
	}
	base := newBuiltinClass("BaseException", "builtins", []*classV{object}, map[string]nativeMethod{"__init__": excInit})
	b["BaseException"] = base
	exc := newBuiltinClass("Exception", "builtins", []*classV{base}, nil)
	b["Exception"] = exc
	for _, n := range []string{"ValueError", "TypeError", "KeyError", "IndexError", "RuntimeError",
		"NotImplementedError", "AssertionError", "ZeroDivisionError", "AttributeError", "LookupError",
		"ArithmeticError", "OverflowError", "ImportError", "NameError", "KeyboardInterrupt"} {
		b[n] = newBuiltinClass(n, "builtins", []*classV{exc}, nil)
	}

	b["range"] = bi("range", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		if len(kw) > 0 || len(args) < 1 || len(args) > 3 {
			return nil, ip.errAt(pos, "TypeError: range() takes 1 to 3 integer arguments")
		}
		var n [3]int64
		for i, a := range args {
			v, ok := asInt(a)
			if !ok {
				return nil, ip.errAt(pos, "TypeError: '%s' object cannot be interpreted as an integer", typeName(a))
			}
			n[i] = v.v
		}
		switch len(args) {
		case 1:
			return &rangeV{0, n[0], 1}, nil
		case 2:
			return &rangeV{n[0], n[1], 1}, nil
		}
		if n[2] == 0 {
			return nil, ip.errAt(pos, "ValueError: range() arg 3 must not be zero")
		}
		if n[2] == math.MinInt64 {
			return nil, ip.overflow(pos)
		}
		return &rangeV{n[0], n[1], n[2]}, nil
	})
	b["len"] = bi("len", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		a, err := ip.getArgs("len", args, kw, pos, req("obj"))
		if err != nil {
			return nil, err
		}
		switch x := a[0].(type) {
		case string:
			return intV{int64(len([]rune(x))), pyInt}, nil
		case *listV:
			return intV{int64(len(x.elems)), pyInt}, nil
		case *tupleV:
			return intV{int64(len(x.elems)), pyInt}, nil
		case *dictV:
			return intV{int64(len(x.keys)), pyInt}, nil
		case *setV:
			return intV{int64(len(x.items)), pyInt}, nil
		case *rangeV:
			return intV{x.length(), pyInt}, nil
		case *arrayV:
			if len(x.shape) == 0 {
				return nil, ip.errAt(pos, "TypeError: len() of unsized object")
			}
			return intV{int64(x.shape[0]), pyInt}, nil
		}
		return nil, ip.errAt(pos, "TypeError: object of type '%s' has no len()", typeName(a[0]))
	})
	b["str"] = bi("str", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		a, err := ip.getArgs("str", args, kw, pos, opt("object", ""))
		if err != nil {
			return nil, err
		}
		return ip.str(a[0], pos)
	})
	b["repr"] = bi("repr", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		a, err := ip.getArgs("repr", args, kw, pos, req("obj"))
		if err != nil {
			return nil, err
		}
		return ip.repr(a[0], pos)
	})
	b["format"] = bi("format", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		a, err := ip.getArgs("format", args, kw, pos, req("value"), opt("format_spec", ""))
		if err != nil {
			return nil, err
		}
		s, ok := a[1].(string)
		if !ok {
			return nil, ip.errAt(pos, "TypeError: format() argument 2 must be str")
		}
		return ip.formatValue(a[0], s, pos)
	})
	b["int"] = bi("int", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		a, err := ip.getArgs("int", args, kw, pos, opt("x", intV{0, pyInt}), opt("base", absent))
		if err != nil {
			return nil, err
		}
		return ip.toInt(a[0], a[1], pyInt, pos)
	})
	b["float"] = bi("float", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		a, err := ip.getArgs("float", args, kw, pos, opt("x", 0.0))
		if err != nil {
			return nil, err
		}
		return ip.toFloat(a[0], pos)
	})
	b["bool"] = bi("bool", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		a, err := ip.getArgs("bool", args, kw, pos, opt("x", false))
		if err != nil {
			return nil, err
		}
		return truth(a[0]), nil
	})
	b["abs"] = bi("abs", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		a, err := ip.getArgs("abs", args, kw, pos, req("x"))
		if err != nil {
			return nil, err
		}
		if i, ok := asInt(a[0]); ok {
			if i.v < 0 {
				return ip.unary(syntax.Sub, i, pos)
			}
			return i, nil
		}
		if f, ok := a[0].(float64); ok {
			return math.Abs(f), nil
		}
		return nil, ip.errAt(pos, "TypeError: bad operand type for abs(): '%s'", typeName(a[0]))
	})
	minmax := func(name string, want int) *builtinV {
		return bi(name, func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
			var key, def value
			for _, k := range kw {
				switch k.name {
				case "key":
					key = k.val
				case "default":
					def = k.val
				default:
					return nil, ip.errAt(pos, "TypeError: %s() got an unexpected keyword argument '%s'", name, k.name)
				}
			}
			items := args
			if len(args) == 1 {
				var err error
				if items, err = ip.toSlice(args[0], pos); err != nil {
					return nil, err
				}
			}
			if len(items) == 0 {
				if def != nil {
					return def, nil
				}
				return nil, ip.errAt(pos, "ValueError: %s() arg is an empty sequence", name)
			}
			best := items[0]
			bestKey := best
			if key != nil && key != value(noneV) {
				var err error
				if bestKey, err = ip.call(key, []value{best}, nil, pos); err != nil {
					return nil, err
				}
			}
			for _, it := range items[1:] {
				k := it
				if key != nil && key != value(noneV) {
					var err error
					if k, err = ip.call(key, []value{it}, nil, pos); err != nil {
						return nil, err
					}
				}
				c, err := ip.order(k, bestKey, pos)
				if err != nil {
					return nil, err
				}
				if c == want {
					best, bestKey = it, k
				}
			}
			return best, nil
		})
	}
	b["min"] = minmax("min", -1)
	b["max"] = minmax("max", 1)
	b["round"] = bi("round", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		a, err := ip.getArgs("round", args, kw, pos, req("number"), opt("ndigits", noneV))
		if err != nil {
			return nil, err
		}
		return ip.round(a[0], a[1], pos)
	})
	b["sum"] = bi("sum", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		a, err := ip.getArgs("sum", args, kw, pos, req("iterable"), opt("start", intV{0, pyInt}))
		if err != nil {
			return nil, err
		}
		acc := a[1]
		err = ip.iterate(a[0], pos, func(v value) (bool, error) {
			var err error
			acc, err = ip.binop(syntax.Add, acc, v, pos)
			return err == nil, err
		})
		return acc, err
	})
	b["list"] = bi("list", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		a, err := ip.getArgs("list", args, kw, pos, opt("iterable", &tupleV{}))
		if err != nil {
			return nil, err
		}
		vals, err := ip.toSlice(a[0], pos)
		if err != nil {
			return nil, err
		}
		return &listV{elems: append([]value{}, vals...)}, nil
	})
	b["tuple"] = bi("tuple", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		a, err := ip.getArgs("tuple", args, kw, pos, opt("iterable", &tupleV{}))
		if err != nil {
			return nil, err
		}
		vals, err := ip.toSlice(a[0], pos)
		if err != nil {
			return nil, err
		}
		return &tupleV{elems: append([]value{}, vals...)}, nil
	})
	b["set"] = bi("set", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		a, err := ip.getArgs("set", args, kw, pos, opt("iterable", &tupleV{}))
		if err != nil {
			return nil, err
		}
		s := newSet()
		err = ip.iterate(a[0], pos, func(v value) (bool, error) { return true, ip.setAdd(s, v, pos) })
		return s, err
	})
	b["frozenset"] = b["set"]
	b["dict"] = bi("dict", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		if len(args) > 1 {
			return nil, ip.errAt(pos, "TypeError: dict expected at most 1 argument")
		}
		d := newDict()
		if len(args) == 1 {
			if err := ip.dictUpdate(d, args[0], pos); err != nil {
				return nil, err
			}
		}
		for _, k := range kw {
			if err := ip.dictSet(d, k.name, k.val, k.pos, pos); err != nil {
				return nil, err
			}
		}
		return d, nil
	})
	b["enumerate"] = bi("enumerate", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		a, err := ip.getArgs("enumerate", args, kw, pos, req("iterable"), opt("start", intV{0, pyInt}))
		if err != nil {
			return nil, err
		}
		start, ok := asInt(a[1])
		if !ok {
			return nil, ip.errAt(pos, "TypeError: enumerate start must be an integer")
		}
		vals, err := ip.toSlice(a[0], pos)
		if err != nil {
			return nil, err
		}
		out := &listV{}
		for i, v := range vals {
			out.elems = append(out.elems, &tupleV{elems: []value{intV{start.v + int64(i), pyInt}, v}})
		}
		return out, nil
	})
	b["zip"] = bi("zip", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		if len(kw) > 0 {
			return nil, ip.unsupported(pos, "zip() with keyword arguments")
		}
		var seqs [][]value
		n := -1
		for _, a := range args {
			vals, err := ip.toSlice(a, pos)
			if err != nil {
				return nil, err
			}
			seqs = append(seqs, vals)
			if n < 0 || len(vals) < n {
				n = len(vals)
			}
		}
		out := &listV{}
		for i := 0; i < n; i++ {
			t := &tupleV{}
			for _, s := range seqs {
				t.elems = append(t.elems, s[i])
			}
			out.elems = append(out.elems, t)
		}
		return out, nil
	})
	b["map"] = bi("map", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		if len(args) != 2 || len(kw) > 0 {
			return nil, ip.unsupported(pos, "map() other than map(function, iterable)")
		}
		out := &listV{}
		err := ip.iterate(args[1], pos, func(v value) (bool, error) {
			r, err := ip.call(args[0], []value{v}, nil, pos)
			out.elems = append(out.elems, r)
			return err == nil, err
		})
		return out, err
	})
	b["filter"] = bi("filter", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		if len(args) != 2 || len(kw) > 0 {
			return nil, ip.unsupported(pos, "filter() other than filter(function, iterable)")
		}
		out := &listV{}
		err := ip.iterate(args[1], pos, func(v value) (bool, error) {
			keep := truth(v)
			if args[0] != value(noneV) {
				r, err := ip.call(args[0], []value{v}, nil, pos)
				if err != nil {
					return false, err
				}
				keep = truth(r)
			}
			if keep {
				out.elems = append(out.elems, v)
			}
			return true, nil
		})
		return out, err
	})
	b["sorted"] = bi("sorted", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		a, err := ip.getArgs("sorted", args, kw, pos, req("iterable"), opt("key", noneV), opt("reverse", false))
		if err != nil {
			return nil, err
		}
		vals, err := ip.toSlice(a[0], pos)
		if err != nil {
			return nil, err
		}
		l := &listV{elems: append([]value{}, vals...)}
		return l, ip.sortList(l, a[1], truth(a[2]), pos)
	})
	b["reversed"] = bi("reversed", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		a, err := ip.getArgs("reversed", args, kw, pos, req("seq"))
		if err != nil {
			return nil, err
		}
		vals, err := ip.toSlice(a[0], pos)
		if err != nil {
			return nil, err
		}
		out := &listV{}
		for i := len(vals) - 1; i >= 0; i-- {
			out.elems = append(out.elems, vals[i])
		}
		return out, nil
	})
	b["any"] = bi("any", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		a, err := ip.getArgs("any", args, kw, pos, req("iterable"))
		if err != nil {
			return nil, err
		}
		found := false
		err = ip.iterate(a[0], pos, func(v value) (bool, error) { found = truth(v); return !found, nil })
		return found, err
	})
	b["all"] = bi("all", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		a, err := ip.getArgs("all", args, kw, pos, req("iterable"))
		if err != nil {
			return nil, err
		}
		all := true
		err = ip.iterate(a[0], pos, func(v value) (bool, error) { all = truth(v); return all, nil })
		return all, err
	})
	b["divmod"] = bi("divmod", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		a, err := ip.getArgs("divmod", args, kw, pos, req("x"), req("y"))
		if err != nil {
			return nil, err
		}
		q, err := ip.binop(syntax.FloorDiv, a[0], a[1], pos)
		if err != nil {
			return nil, err
		}
		r, err := ip.binop(syntax.Mod, a[0], a[1], pos)
		if err != nil {
			return nil, err
		}
		return &tupleV{elems: []value{q, r}}, nil
	})
	b["pow"] = bi("pow", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		a, err := ip.getArgs("pow", args, kw, pos, req("base"), req("exp"))
		if err != nil {
			return nil, err
		}
		return ip.binop(syntax.Pow, a[0], a[1], pos)
	})
	for _, n := range []string{"hex", "oct", "bin"} {
		n := n
		b[n] = bi(n, func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
			a, err := ip.getArgs(n, args, kw, pos, req("x"))
			if err != nil {
				return nil, err
			}
			i, ok := asInt(a[0])
			if !ok {
				return nil, ip.errAt(pos, "TypeError: '%s' object cannot be interpreted as an integer", typeName(a[0]))
			}
			t := map[string]byte{"hex": 'x', "oct": 'o', "bin": 'b'}[n]
			return formatInt(i.v, fmtSpec{typ: t, alt: true, align: '>', fill: ' '}), nil
		})
	}
	b["chr"] = bi("chr", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		a, err := ip.getArgs("chr", args, kw, pos, req("i"))
		if err != nil {
			return nil, err
		}
		i, ok := asInt(a[0])
		if !ok || i.v < 0 || i.v > 0x10ffff {
			return nil, ip.errAt(pos, "ValueError: chr() arg not in range(0x110000)")
		}
		return string(rune(i.v)), nil
	})
	b["ord"] = bi("ord", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		a, err := ip.getArgs("ord", args, kw, pos, req("c"))
		if err != nil {
			return nil, err
		}
		s, ok := a[0].(string)
		if !ok || len([]rune(s)) != 1 {
			return nil, ip.errAt(pos, "TypeError: ord() expected a character")
		}
		return intV{int64([]rune(s)[0]), pyInt}, nil
	})
	b["print"] = bi("print", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		return noneV, nil
	})
	b["isinstance"] = bi("isinstance", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		a, err := ip.getArgs("isinstance", args, kw, pos, req("obj"), req("classinfo"))
		if err != nil {
			return nil, err
		}
		return ip.isInstance(a[0], a[1], pos)
	})
	b["getattr"] = bi("getattr", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		a, err := ip.getArgs("getattr", args, kw, pos, req("object"), req("name"), opt("default", absent))
		if err != nil {
			return nil, err
		}
		name, ok := a[1].(string)
		if !ok {
			return nil, ip.errAt(pos, "TypeError: attribute name must be string")
		}
		v, err := ip.getAttr(a[0], name, pos)
		if err != nil && !isAbsent(a[2]) && isAttributeError(err) {
			return a[2], nil
		}
		return v, err
	})
	b["hasattr"] = bi("hasattr", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		a, err := ip.getArgs("hasattr", args, kw, pos, req("object"), req("name"))
		if err != nil {
			return nil, err
		}
		name, ok := a[1].(string)
		if !ok {
			return nil, ip.errAt(pos, "TypeError: attribute name must be string")
		}
		_, err = ip.getAttr(a[0], name, pos)
		if err != nil {
			if isAttributeError(err) {
				return false, nil
			}
			return nil, err
		}
		return true, nil
	})
	b["setattr"] = bi("setattr", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		a, err := ip.getArgs("setattr", args, kw, pos, req("object"), req("name"), req("value"))
		if err != nil {
			return nil, err
		}
		name, ok := a[1].(string)
		if !ok {
			return nil, ip.errAt(pos, "TypeError: attribute name must be string")
		}
		return noneV, ip.setAttr(a[0], name, a[2], pos, pos)
	})
	b["super"] = bi("super", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		if len(args) != 2 {
			return nil, ip.unsupported(pos, "super() here")
		}
		c, ok := args[0].(*classV)
		if !ok {
			return nil, ip.errAt(pos, "TypeError: super() argument 1 must be a type")
		}
		return &superV{cls: c, self: args[1]}, nil
	})
	return b
}

func isAttributeError(err error) bool {
	for _, e := range Errors(err) {
		if strings.HasPrefix(e.Msg, "AttributeError:") {
			return true
		}
	}
	return false
}

func (ip *interp) isInstance(v, classinfo value, pos Pos) (value, error) {
	switch c := classinfo.(type) {
	case *tupleV:
		for _, e := range c.elems {
			r, err := ip.isInstance(v, e, pos)
			if err != nil || r == value(true) {
				return r, err
			}
		}
		return false, nil
	case *classV:
		o, ok := v.(*instance)
		if !ok {
			return c.name == "object" && c.builtin, nil
		}
		for _, k := range o.cls.mro {
			if k == c {
				return true, nil
			}
		}
		return false, nil
	case *builtinV:
		switch c.name {
		case "int":
			_, ok := v.(intV)
			_, isBool := v.(bool)
			return ok && v.(intV).np == pyInt || isBool, nil
		case "float":
			_, ok := v.(float64)
			return ok, nil
		case "str":
			_, ok := v.(string)
			return ok, nil
		case "bool":
			_, ok := v.(bool)
			return ok, nil
		case "list":
			_, ok := v.(*listV)
			return ok, nil
		case "tuple":
			_, ok := v.(*tupleV)
			return ok, nil
		case "dict":
			_, ok := v.(*dictV)
			return ok, nil
		case "set":
			_, ok := v.(*setV)
			return ok, nil
		case "int32", "int64":
			i, ok := v.(intV)
			return ok && (i.np == np32) == (c.name == "int32") && i.np != pyInt, nil
		}
	}
	return nil, ip.unsupported(pos, "isinstance() with this class")
}

func (ip *interp) toInt(x, base value, kind intKind, pos Pos) (value, error) {
	if !isAbsent(base) {
		s, ok := x.(string)
		bi, bok := asInt(base)
		if !ok || !bok {
			return nil, ip.errAt(pos, "TypeError: int() can't convert non-string with explicit base")
		}
		n, err := strconv.ParseInt(strings.ReplaceAll(strings.TrimSpace(s), "_", ""), int(bi.v), 64)
		if err != nil {
			return nil, ip.errAt(pos, "ValueError: invalid literal for int() with base %d: %s", bi.v, pyQuote(s))
		}
		return ip.fitInt(intV{n, kind}, pos)
	}
	switch v := x.(type) {
	case bool, intV:
		i, _ := asInt(v)
		return ip.fitInt(intV{i.v, kind}, pos)
	case float64:
		if math.IsNaN(v) {
			return nil, ip.errAt(pos, "ValueError: cannot convert float NaN to integer")
		}
		if math.IsInf(v, 0) {
			return nil, ip.errAt(pos, "OverflowError: cannot convert float infinity to integer")
		}
		if math.Abs(v) >= 9.2e18 {
			return nil, ip.overflow(pos)
		}
		return ip.fitInt(intV{int64(v), kind}, pos)
	case string:
		s := strings.ReplaceAll(strings.TrimSpace(v), "_", "")
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, ip.errAt(pos, "ValueError: invalid literal for int() with base 10: %s", pyQuote(v))
		}
		return ip.fitInt(intV{n, kind}, pos)
	}
	return nil, ip.errAt(pos, "TypeError: int() argument must be a string or a number, not '%s'", typeName(x))
}

func (ip *interp) toFloat(x value, pos Pos) (value, error) {
	if f, ok := asFloat(x); ok {
		return f, nil
	}
	if s, ok := x.(string); ok {
		t := strings.ToLower(strings.TrimSpace(s))
		switch strings.TrimLeft(t, "+-") {
		case "nan", "inf", "infinity":
			f := math.Inf(1)
			if strings.TrimLeft(t, "+-") == "nan" {
				f = math.NaN()
			}
			if strings.HasPrefix(t, "-") {
				f = -f
			}
			return f, nil
		}
		f, err := strconv.ParseFloat(strings.ReplaceAll(t, "_", ""), 64)
		if err != nil && !strings.Contains(err.Error(), "range") {
			return nil, ip.errAt(pos, "ValueError: could not convert string to float: %s", pyQuote(s))
		}
		return f, nil
	}
	return nil, ip.errAt(pos, "TypeError: float() argument must be a string or a number, not '%s'", typeName(x))
}

func (ip *interp) round(x, nd value, pos Pos) (value, error) {
	if _, none := nd.(noneT); none {
		switch v := x.(type) {
		case bool, intV:
			i, _ := asInt(v)
			return intV{i.v, pyInt}, nil
		case float64:
			if math.IsNaN(v) {
				return nil, ip.errAt(pos, "ValueError: cannot convert float NaN to integer")
			}
			if math.IsInf(v, 0) {
				return nil, ip.errAt(pos, "OverflowError: cannot convert float infinity to integer")
			}
			r := math.RoundToEven(v)
			if math.Abs(r) >= 9.2e18 {
				return nil, ip.overflow(pos)
			}
			return intV{int64(r), pyInt}, nil
		}
		return nil, ip.errAt(pos, "TypeError: type %s doesn't define __round__", typeName(x))
	}
	n, ok := asInt(nd)
	if !ok {
		return nil, ip.errAt(pos, "TypeError: ndigits must be an integer")
	}
	switch v := x.(type) {
	case bool, intV:
		i, _ := asInt(v)
		if n.v >= 0 {
			return i, nil
		}
		if n.v < -18 {
			return intV{0, i.np}, nil
		}
		p := int64(math.Pow10(int(-n.v)))
		q, r := i.v/p, i.v%p
		if r < 0 {
			q, r = q-1, r+p
		}
		if 2*r > p || (2*r == p && q%2 != 0) {
			q++
		}
		return ip.intOp(syntax.Mul, intV{q, i.np}, intV{p, pyInt}, pos)
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return v, nil
		}
		if n.v > 300 {
			return v, nil
		}
		if n.v >= 0 {
			f, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'f', int(n.v), 64), 64)
			return f, nil
		}
		p := math.Pow10(int(-n.v))
		return math.RoundToEven(v/p) * p, nil
	}
	return nil, ip.errAt(pos, "TypeError: type %s doesn't define __round__", typeName(x))
}

func (ip *interp) sortList(l *listV, key value, reverse bool, pos Pos) error {
	keys := make([]value, len(l.elems))
	for i, e := range l.elems {
		keys[i] = e
		if key != value(noneV) {
			k, err := ip.call(key, []value{e}, nil, pos)
			if err != nil {
				return err
			}
			keys[i] = k
		}
	}
	idx := make([]int, len(l.elems))
	for i := range idx {
		idx[i] = i
	}
	var sortErr error
	sort.SliceStable(idx, func(a, b int) bool {
		if sortErr != nil {
			return false
		}
		c, err := ip.order(keys[idx[a]], keys[idx[b]], pos)
		if err != nil {
			sortErr = err
			return false
		}
		if reverse {
			return c == 1
		}
		return c == -1
	})
	if sortErr != nil {
		return sortErr
	}
	out := make([]value, len(idx))
	for i, j := range idx {
		out[i] = l.elems[j]
	}
	l.elems = out
	return nil
}

func (ip *interp) dictUpdate(d *dictV, src value, pos Pos) error {
	switch s := src.(type) {
	case *dictV:
		for i := range s.keys {
			if err := ip.dictSet(d, s.keys[i], s.vals[i], s.pos[i], pos); err != nil {
				return err
			}
		}
		return nil
	}
	return ip.iterate(src, pos, func(v value) (bool, error) {
		pair, err := ip.toSlice(v, pos)
		if err != nil {
			return false, err
		}
		if len(pair) != 2 {
			return false, ip.errAt(pos, "ValueError: dictionary update sequence element has length %d; 2 is required", len(pair))
		}
		return true, ip.dictSet(d, pair[0], pair[1], pos, pos)
	})
}

// method returns the attribute name of a value of a built-in type (a bound
// method or a data attribute), or nil.
func (ip *interp) method(x value, name string) value {
	m := func(fn func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error)) value {
		return &builtinV{name: name, fn: fn}
	}
	switch x := x.(type) {
	case string:
		return ip.strMethod(x, name)
	case *listV:
		switch name {
		case "append":
			return m(func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
				a, err := ip.getArgs("append", args, kw, pos, req("object"))
				if err != nil {
					return nil, err
				}
				if len(x.elems) >= maxElems {
					return nil, ip.errAt(pos, "list too long for the snapshot evaluator")
				}
				x.elems = append(x.elems, a[0])
				return noneV, nil
			})
		case "extend":
			return m(func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
				a, err := ip.getArgs("extend", args, kw, pos, req("iterable"))
				if err != nil {
					return nil, err
				}
				vals, err := ip.toSlice(a[0], pos)
				if err != nil {
					return nil, err
				}
				if len(x.elems)+len(vals) > maxElems {
					return nil, ip.errAt(pos, "list too long for the snapshot evaluator")
				}
				x.elems = append(x.elems, vals...)
				return noneV, nil
			})
		case "insert":
			return m(func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
				a, err := ip.getArgs("insert", args, kw, pos, req("index"), req("object"))
				if err != nil {
					return nil, err
				}
				i, ok := asInt(a[0])
				if !ok {
					return nil, ip.errAt(pos, "TypeError: list indices must be integers")
				}
				n := int64(len(x.elems))
				j := i.v
				if j < 0 {
					j = max(j+n, 0)
				}
				j = min(j, n)
				x.elems = append(x.elems[:j:j], append([]value{a[1]}, x.elems[j:]...)...)
				return noneV, nil
			})
		case "pop":
			return m(func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
				a, err := ip.getArgs("pop", args, kw, pos, opt("index", intV{-1, pyInt}))
				if err != nil {
					return nil, err
				}
				if len(x.elems) == 0 {
					return nil, ip.errAt(pos, "IndexError: pop from empty list")
				}
				i, err := ip.index(a[0], len(x.elems), pos)
				if err != nil {
					return nil, err
				}
				v := x.elems[i]
				x.elems = append(x.elems[:i:i], x.elems[i+1:]...)
				return v, nil
			})
		case "remove", "index", "count":
			return m(func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
				a, err := ip.getArgs(name, args, kw, pos, req("value"))
				if err != nil {
					return nil, err
				}
				count := 0
				for i, e := range x.elems {
					eq, err := ip.equal(e, a[0], pos)
					if err != nil {
						return nil, err
					}
					if !eq {
						continue
					}
					switch name {
					case "remove":
						x.elems = append(x.elems[:i:i], x.elems[i+1:]...)
						return noneV, nil
					case "index":
						return intV{int64(i), pyInt}, nil
					}
					count++
				}
				if name == "count" {
					return intV{int64(count), pyInt}, nil
				}
				return nil, ip.errAt(pos, "ValueError: list.%s(x): x not in list", name)
			})
		case "copy":
			return m(func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
				return &listV{elems: append([]value{}, x.elems...)}, nil
			})
		case "clear":
			return m(func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
				x.elems = nil
				return noneV, nil
			})
		case "reverse":
			return m(func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
				for i, j := 0, len(x.elems)-1; i < j; i, j = i+1, j-1 {
					x.elems[i], x.elems[j] = x.elems[j], x.elems[i]
				}
				return noneV, nil
			})
		case "sort":
			return m(func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
				a, err := ip.getArgs("sort", args, kw, pos, opt("key", noneV), opt("reverse", false))
				if err != nil {
					return nil, err
				}
				return noneV, ip.sortList(x, a[0], truth(a[1]), pos)
			})
		}
	case *tupleV:
		switch name {
		case "index", "count":
			l := &listV{elems: x.elems}
			return ip.method(l, name)
		}
	case *dictV:
		return ip.dictMethod(x, name)
	case *setV:
		return ip.setMethod(x, name)
	case intV:
		if name == "bit_length" {
			return m(func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
				n := 0
				for v := abs64(x.v); v > 0; v >>= 1 {
					n++
				}
				return intV{int64(n), pyInt}, nil
			})
		}
		if name == "item" {
			return m(func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) { return intV{x.v, pyInt}, nil })
		}
	case float64:
		switch name {
		case "is_integer":
			return m(func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
				return x == math.Trunc(x) && !math.IsInf(x, 0), nil
			})
		case "real":
			return x
		}
	case *opaqueV:
		if x.dmgr && ip.fz != nil {
			switch name {
			case "get":
				return m(func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
					_, key, err := strArg1(ip, "get", args, kw, pos, req("name"))
					if err != nil {
						return nil, err
					}
					return ip.fz.getDevice(key, pos)
				})
			case "get_device_db":
				return m(func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
					if ip.fz.ddb == nil {
						return newDict(), nil
					}
					return ip.fz.ddb.dict, nil
				})
			}
		}
	case *arrayV:
		switch name {
		case "shape":
			t := &tupleV{}
			for _, n := range x.shape {
				t.elems = append(t.elems, intV{int64(n), pyInt})
			}
			return t
		case "size":
			return intV{int64(x.size()), pyInt}
		case "ndim":
			return intV{int64(len(x.shape)), pyInt}
		case "tolist":
			return m(func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
				return ip.arrayToList(x, 0, 0), nil
			})
		case "copy":
			return m(func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
				return &arrayV{elem: x.elem, shape: append([]int{}, x.shape...),
					ints: append([]int64{}, x.ints...), floats: append([]float64{}, x.floats...)}, nil
			})
		}
	}
	return nil
}

func (ip *interp) arrayToList(a *arrayV, dim, off int) value {
	stride := 1
	for _, n := range a.shape[dim+1:] {
		stride *= n
	}
	out := &listV{}
	for i := 0; i < a.shape[dim]; i++ {
		if dim == len(a.shape)-1 {
			e := a.at(off + i)
			if n, ok := e.(intV); ok {
				e = intV{n.v, pyInt}
			}
			out.elems = append(out.elems, e)
		} else {
			out.elems = append(out.elems, ip.arrayToList(a, dim+1, off+i*stride))
		}
	}
	return out
}

func (ip *interp) strMethod(s string, name string) value {
	m := func(fn func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error)) value {
		return &builtinV{name: name, fn: fn}
	}
	strArg := func(ip *interp, v value, pos Pos) (string, error) {
		t, ok := v.(string)
		if !ok {
			return "", ip.errAt(pos, "TypeError: str.%s() wants a str, not %s", name, typeName(v))
		}
		return t, nil
	}
	switch name {
	case "format":
		return m(func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
			return ip.strFormat(s, args, kw, pos)
		})
	case "join":
		return m(func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
			a, err := ip.getArgs("join", args, kw, pos, req("iterable"))
			if err != nil {
				return nil, err
			}
			var parts []string
			total := 0
			err = ip.iterate(a[0], pos, func(v value) (bool, error) {
				t, err := strArg(ip, v, pos)
				total += len(t) + len(s)
				if total > maxStr {
					return false, ip.errAt(pos, "string too long for the snapshot evaluator")
				}
				parts = append(parts, t)
				return err == nil, err
			})
			return strings.Join(parts, s), err
		})
	case "upper", "lower", "capitalize", "title", "swapcase", "isdigit", "isalpha", "isalnum",
		"isidentifier", "isspace", "isupper", "islower":
		return m(func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
			if len(args)+len(kw) > 0 {
				return nil, ip.errAt(pos, "TypeError: str.%s() takes no arguments", name)
			}
			switch name {
			case "upper":
				return strings.ToUpper(s), nil
			case "lower":
				return strings.ToLower(s), nil
			case "capitalize":
				if s == "" {
					return s, nil
				}
				r := []rune(strings.ToLower(s))
				r[0] = unicode.ToUpper(r[0])
				return string(r), nil
			case "title":
				r := []rune(s)
				prev := false
				for i, c := range r {
					if unicode.IsLetter(c) {
						if prev {
							r[i] = unicode.ToLower(c)
						} else {
							r[i] = unicode.ToUpper(c)
						}
						prev = true
					} else {
						prev = false
					}
				}
				return string(r), nil
			case "swapcase":
				return strings.Map(func(c rune) rune {
					if unicode.IsUpper(c) {
						return unicode.ToLower(c)
					}
					return unicode.ToUpper(c)
				}, s), nil
			case "isidentifier":
				return isIdent(s), nil
			}
			if s == "" {
				return false, nil
			}
			hasCased := false
			for _, c := range s {
				var ok bool
				switch name {
				case "isdigit":
					ok = unicode.IsDigit(c)
				case "isalpha":
					ok = unicode.IsLetter(c)
				case "isalnum":
					ok = unicode.IsLetter(c) || unicode.IsDigit(c)
				case "isspace":
					ok = unicode.IsSpace(c)
				case "isupper":
					ok = !unicode.IsLower(c)
					hasCased = hasCased || unicode.IsUpper(c)
				case "islower":
					ok = !unicode.IsUpper(c)
					hasCased = hasCased || unicode.IsLower(c)
				}
				if !ok {
					return false, nil
				}
			}
			if name == "isupper" || name == "islower" {
				return hasCased, nil
			}
			return true, nil
		})
	case "strip", "lstrip", "rstrip":
		return m(func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
			a, err := ip.getArgs(name, args, kw, pos, opt("chars", noneV))
			if err != nil {
				return nil, err
			}
			cut := " \t\n\r\v\f"
			if _, none := a[0].(noneT); !none {
				if cut, err = strArg(ip, a[0], pos); err != nil {
					return nil, err
				}
			}
			switch name {
			case "lstrip":
				return strings.TrimLeft(s, cut), nil
			case "rstrip":
				return strings.TrimRight(s, cut), nil
			}
			return strings.Trim(s, cut), nil
		})
	case "startswith", "endswith":
		return m(func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
			a, err := ip.getArgs(name, args, kw, pos, req("prefix"))
			if err != nil {
				return nil, err
			}
			var cands []value
			if t, ok := a[0].(*tupleV); ok {
				cands = t.elems
			} else {
				cands = []value{a[0]}
			}
			for _, c := range cands {
				p, err := strArg(ip, c, pos)
				if err != nil {
					return nil, err
				}
				if name == "startswith" && strings.HasPrefix(s, p) || name == "endswith" && strings.HasSuffix(s, p) {
					return true, nil
				}
			}
			return false, nil
		})
	case "replace":
		return m(func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
			a, err := ip.getArgs("replace", args, kw, pos, req("old"), req("new"), opt("count", intV{-1, pyInt}))
			if err != nil {
				return nil, err
			}
			o, err := strArg(ip, a[0], pos)
			if err != nil {
				return nil, err
			}
			n, err := strArg(ip, a[1], pos)
			if err != nil {
				return nil, err
			}
			c, _ := asInt(a[2])
			cnt := strings.Count(s, o)
			if c.v >= 0 && int64(cnt) > c.v {
				cnt = int(c.v)
			}
			if len(s)+cnt*(len(n)+1) > maxStr {
				return nil, ip.errAt(pos, "string too long for the snapshot evaluator")
			}
			return strings.Replace(s, o, n, int(max(min(c.v, math.MaxInt32), -1))), nil
		})
	case "split", "rsplit":
		return m(func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
			a, err := ip.getArgs(name, args, kw, pos, opt("sep", noneV), opt("maxsplit", intV{-1, pyInt}))
			if err != nil {
				return nil, err
			}
			ms, _ := asInt(a[1])
			var parts []string
			if _, none := a[0].(noneT); none {
				if ms.v >= 0 {
					return nil, ip.unsupported(pos, "split() with maxsplit and no separator")
				}
				parts = strings.Fields(s)
			} else {
				sep, err := strArg(ip, a[0], pos)
				if err != nil {
					return nil, err
				}
				if sep == "" {
					return nil, ip.errAt(pos, "ValueError: empty separator")
				}
				n := -1
				if ms.v >= 0 {
					n = int(min(ms.v, math.MaxInt32)) + 1
				}
				if name == "rsplit" && n > 0 {
					all := strings.Split(s, sep)
					if len(all) > n {
						head := strings.Join(all[:len(all)-n+1], sep)
						parts = append([]string{head}, all[len(all)-n+1:]...)
					} else {
						parts = all
					}
				} else {
					parts = strings.SplitN(s, sep, n)
				}
			}
			out := &listV{}
			for _, p := range parts {
				out.elems = append(out.elems, p)
			}
			return out, nil
		})
	case "find", "count", "index":
		return m(func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
			a, err := ip.getArgs(name, args, kw, pos, req("sub"))
			if err != nil {
				return nil, err
			}
			sub, err := strArg(ip, a[0], pos)
			if err != nil {
				return nil, err
			}
			if name == "count" {
				return intV{int64(strings.Count(s, sub)), pyInt}, nil
			}
			i := strings.Index(s, sub)
			if i >= 0 {
				i = len([]rune(s[:i]))
			} else if name == "index" {
				return nil, ip.errAt(pos, "ValueError: substring not found")
			}
			return intV{int64(i), pyInt}, nil
		})
	case "zfill", "ljust", "rjust", "center":
		return m(func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
			a, err := ip.getArgs(name, args, kw, pos, req("width"), opt("fillchar", " "))
			if err != nil {
				return nil, err
			}
			w, ok := asInt(a[0])
			if !ok {
				return nil, ip.errAt(pos, "TypeError: width must be an integer")
			}
			if w.v > maxWidth {
				return nil, ip.unsupported(pos, "a width above %d", maxWidth)
			}
			f, err := strArg(ip, a[1], pos)
			if err != nil || len([]rune(f)) != 1 {
				return nil, ip.errAt(pos, "TypeError: the fill character must be exactly one character long")
			}
			spec := fmtSpec{width: int(w.v), fill: []rune(f)[0]}
			switch name {
			case "zfill":
				neg := strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+")
				if neg {
					spec.fill, spec.align = '0', '='
					return signed(s[0] == '-', s[1:], fmtSpec{width: int(w.v), fill: '0', align: '=', sign: map[bool]byte{true: '+'}[s[0] == '+']}, ""), nil
				}
				spec.fill, spec.align = '0', '>'
			case "ljust":
				spec.align = '<'
			case "rjust":
				spec.align = '>'
			case "center":
				spec.align = '^'
			}
			return pad(s, spec), nil
		})
	}
	return nil
}

func (ip *interp) dictMethod(d *dictV, name string) value {
	m := func(fn func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error)) value {
		return &builtinV{name: name, fn: fn}
	}
	switch name {
	case "get":
		return m(func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
			a, err := ip.getArgs("get", args, kw, pos, req("key"), opt("default", noneV))
			if err != nil {
				return nil, err
			}
			v, ok, err := ip.dictGet(d, a[0], pos)
			if err != nil || ok {
				return v, err
			}
			return a[1], nil
		})
	case "keys", "values", "items":
		return m(func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
			out := &listV{}
			for i := range d.keys {
				switch name {
				case "keys":
					out.elems = append(out.elems, d.keys[i])
				case "values":
					out.elems = append(out.elems, d.vals[i])
				default:
					out.elems = append(out.elems, &tupleV{elems: []value{d.keys[i], d.vals[i]}})
				}
			}
			return out, nil
		})
	case "update":
		return m(func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
			if len(args) > 1 {
				return nil, ip.errAt(pos, "TypeError: update expected at most 1 argument")
			}
			if len(args) == 1 {
				if err := ip.dictUpdate(d, args[0], pos); err != nil {
					return nil, err
				}
			}
			for _, k := range kw {
				if err := ip.dictSet(d, k.name, k.val, k.pos, pos); err != nil {
					return nil, err
				}
			}
			return noneV, nil
		})
	case "setdefault":
		return m(func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
			a, err := ip.getArgs("setdefault", args, kw, pos, req("key"), opt("default", noneV))
			if err != nil {
				return nil, err
			}
			v, ok, err := ip.dictGet(d, a[0], pos)
			if err != nil || ok {
				return v, err
			}
			return a[1], ip.dictSet(d, a[0], a[1], pos, pos)
		})
	case "pop":
		return m(func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
			a, err := ip.getArgs("pop", args, kw, pos, req("key"), opt("default", absent))
			if err != nil {
				return nil, err
			}
			v, ok, err := ip.dictGet(d, a[0], pos)
			if err != nil {
				return nil, err
			}
			if !ok {
				if isAbsent(a[1]) {
					r, _ := ip.repr(a[0], pos)
					return nil, ip.errAt(pos, "KeyError: %s", r)
				}
				return a[1], nil
			}
			_, err = ip.dictDelete(d, a[0], pos)
			return v, err
		})
	case "copy":
		return m(func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
			out := newDict()
			return out, ip.dictUpdate(out, d, pos)
		})
	case "clear":
		return m(func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
			*d = *newDict()
			return noneV, nil
		})
	}
	return nil
}

func (ip *interp) setMethod(s *setV, name string) value {
	m := func(fn func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error)) value {
		return &builtinV{name: name, fn: fn}
	}
	asSet := func(ip *interp, v value, pos Pos) (*setV, error) {
		if t, ok := v.(*setV); ok {
			return t, nil
		}
		t := newSet()
		err := ip.iterate(v, pos, func(e value) (bool, error) { return true, ip.setAdd(t, e, pos) })
		return t, err
	}
	switch name {
	case "add", "discard", "remove":
		return m(func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
			a, err := ip.getArgs(name, args, kw, pos, req("elem"))
			if err != nil {
				return nil, err
			}
			if name == "add" {
				return noneV, ip.setAdd(s, a[0], pos)
			}
			ok, err := ip.setRemove(s, a[0], pos)
			if err == nil && !ok && name == "remove" {
				r, _ := ip.repr(a[0], pos)
				return nil, ip.errAt(pos, "KeyError: %s", r)
			}
			return noneV, err
		})
	case "update", "union", "intersection", "difference", "intersection_update", "difference_update":
		return m(func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
			if len(kw) > 0 {
				return nil, ip.errAt(pos, "TypeError: set.%s() takes no keyword arguments", name)
			}
			cur := s
			if !strings.HasSuffix(name, "update") {
				cur = ip.copySet(s)
			}
			op := map[string]syntax.Op{"update": syntax.BitOr, "union": syntax.BitOr, "intersection": syntax.BitAnd,
				"intersection_update": syntax.BitAnd, "difference": syntax.Sub, "difference_update": syntax.Sub}[name]
			for _, a := range args {
				o, err := asSet(ip, a, pos)
				if err != nil {
					return nil, err
				}
				r, err := ip.setOp(op, cur, o, pos)
				if err != nil {
					return nil, err
				}
				cur.items, cur.index = r.items, r.index
			}
			if strings.HasSuffix(name, "update") {
				return noneV, nil
			}
			return cur, nil
		})
	case "copy":
		return m(func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) { return ip.copySet(s), nil })
	case "clear":
		return m(func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
			*s = *newSet()
			return noneV, nil
		})
	case "issubset", "issuperset":
		return m(func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
			a, err := ip.getArgs(name, args, kw, pos, req("other"))
			if err != nil {
				return nil, err
			}
			o, err := asSet(ip, a[0], pos)
			if err != nil {
				return nil, err
			}
			small, big := s, o
			if name == "issuperset" {
				small, big = o, s
			}
			for k := range small.index {
				if _, ok := big.index[k]; !ok {
					return false, nil
				}
			}
			return true, nil
		})
	}
	return nil
}
