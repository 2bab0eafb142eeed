package snapshot

import (
	"math"
	"strings"

	"github.com/rules-artiq/rules_artiq/compiler/syntax"
)

// Units of artiq.language.units (SI values).
var units = map[string]float64{
	"ps": 1e-12, "ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0,
	"mHz": 1e-3, "Hz": 1.0, "kHz": 1e3, "MHz": 1e6, "GHz": 1e9,
	"dB": 1.0,
	"uV": 1e-6, "mV": 1e-3, "V": 1.0, "kV": 1e3,
	"nA": 1e-9, "uA": 1e-6, "mA": 1e-3, "A": 1.0,
	"nW": 1e-9, "uW": 1e-6, "mW": 1e-3, "W": 1.0,
}

// timeUnits are the units that make a NumberValue argument a timing.
var timeUnits = map[string]bool{"ps": true, "ns": true, "us": true, "ms": true, "s": true}

func (ip *interp) builtinModule(name string) *moduleV {
	m := &moduleV{name: name, globals: map[string]value{"__name__": name}}
	g := m.globals
	add := func(src map[string]value) {
		for k, v := range src {
			g[k] = v
		}
	}
	switch name {
	case "numpy":
		add(ip.numpyNames())
	case "math":
		add(ip.mathNames())
	case "artiq.language.units":
		add(unitNames())
	case "artiq.language.types":
		add(ip.typeNames())
	case "artiq", "__future__", "typing":
		if name == "typing" {
			for _, n := range []string{"List", "Tuple", "Dict", "Optional", "Any", "TypeVar", "Generic", "Union"} {
				g[n] = &opaqueV{desc: "typing." + n}
			}
		}
		if name == "__future__" {
			g["annotations"] = &opaqueV{desc: "__future__.annotations"}
		}
	default: // artiq.experiment, artiq.language and its host modules
		add(ip.languageNames())
		add(unitNames())
		add(ip.typeNames())
		np := ip.numpyNames()
		g["int32"], g["int64"] = np["int32"], np["int64"]
	}
	return m
}

func unitNames() map[string]value {
	out := map[string]value{}
	for k, v := range units {
		out[k] = v
	}
	return out
}

func (ip *interp) typeNames() map[string]value {
	out := map[string]value{}
	for _, n := range []string{"TNone", "TBool", "TInt32", "TInt64", "TFloat", "TStr", "TBytes", "TByteArray", "TRange32", "TRange64"} {
		out[n] = &opaqueV{desc: "artiq.language.types." + n}
	}
	for _, n := range []string{"TList", "TTuple", "TArray", "TOption"} {
		n := n
		out[n] = bi(n, func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
			return &opaqueV{desc: "artiq.language.types." + n}, nil
		})
	}
	return out
}

func (ip *interp) languageNames() map[string]value {
	out := map[string]value{}
	identity := func(name string) *builtinV {
		return bi(name, func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
			if len(args) == 1 && len(kw) == 0 {
				return args[0], nil
			}
			return bi(name, func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
				if len(args) != 1 {
					return nil, ip.errAt(pos, "TypeError: @%s wants one function", name)
				}
				return args[0], nil
			}), nil
		})
	}
	for _, n := range []string{"kernel", "portable", "rpc", "host_only", "syscall", "subkernel"} {
		out[n] = identity(n)
	}
	for _, n := range []string{"now_mu", "at_mu", "delay_mu", "delay", "seconds_to_mu", "mu_to_seconds",
		"rtio_log", "set_watchdog", "watchdog", "parallel", "sequential", "interleave"} {
		n := n
		out[n] = bi(n, func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
			return nil, ip.unsupported(pos, "%s in host code (it is a kernel function)", n)
		})
	}
	out["KernelInvariant"] = &opaqueV{desc: "KernelInvariant"}
	out["Kernel"] = &opaqueV{desc: "Kernel"}
	out["NoDefault"] = absent
	for k, v := range ip.envClasses() {
		out[k] = v
	}
	for _, kind := range []string{"NumberValue", "BooleanValue", "StringValue", "EnumerationValue", "PYONValue"} {
		kind := kind
		out[kind] = bi(kind, func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
			return ip.newProcessor(kind, args, kw, pos)
		})
	}
	for _, n := range []string{"Scannable", "RangeScan", "CenterScan", "NoScan", "ExplicitScan", "MultiScanManager"} {
		n := n
		out[n] = bi(n, func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
			return nil, ip.unsupported(pos, "%s (scan arguments)", n)
		})
	}
	exc := ip.builtins["Exception"].(*classV)
	out["TerminationRequested"] = newBuiltinClass("TerminationRequested", "artiq.language.core", []*classV{exc}, nil)
	return out
}

// envClasses returns HasEnvironment, Experiment and EnvExperiment (shared
// by every ARTIQ module of one interpreter).
func (ip *interp) envClasses() map[string]value {
	if c, ok := ip.modules["\x00env"]; ok {
		return c.globals
	}
	object := ip.builtins["object"].(*classV)
	noop := func(ip *interp, self *instance, args []value, kw []kwArg, pos Pos) (value, error) { return noneV, nil }
	envMethods := map[string]nativeMethod{
		"__init__":               envInit,
		"build":                  noop,
		"setattr_device":         envSetattrDevice,
		"get_device":             envGetDevice,
		"get_device_db":          envGetDeviceDB,
		"setattr_argument":       envSetattrArgument,
		"get_argument":           envGetArgument,
		"setattr_dataset":        envSetattrDataset,
		"get_dataset":            envGetDataset,
		"set_dataset":            envSetDataset,
		"set_default_scheduling": noop,
	}
	has := newBuiltinClass("HasEnvironment", "artiq.language.environment", []*classV{object}, envMethods)
	exp := newBuiltinClass("Experiment", "artiq.language.environment", []*classV{object},
		map[string]nativeMethod{"prepare": noop, "run": noop, "analyze": noop})
	env := newBuiltinClass("EnvExperiment", "artiq.language.environment", []*classV{exp, has}, nil)
	g := map[string]value{"HasEnvironment": has, "Experiment": exp, "EnvExperiment": env}
	ip.modules["\x00env"] = &moduleV{name: "\x00env", globals: g}
	return g
}

func (ip *interp) numpyNames() map[string]value {
	out := map[string]value{"pi": math.Pi, "e": math.E, "inf": math.Inf(1), "nan": math.NaN()}
	intCtor := func(name string, k intKind) *builtinV {
		return bi(name, func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
			a, err := ip.getArgs(name, args, kw, pos, opt("x", intV{0, pyInt}))
			if err != nil {
				return nil, err
			}
			return ip.toInt(a[0], absent, k, pos)
		})
	}
	out["int32"] = intCtor("int32", np32)
	out["int64"] = intCtor("int64", np64)
	out["int_"] = intCtor("int64", np64)
	floatCtor := bi("float64", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		a, err := ip.getArgs("float64", args, kw, pos, opt("x", 0.0))
		if err != nil {
			return nil, err
		}
		return ip.toFloat(a[0], pos)
	})
	out["float64"], out["float_"], out["double"] = floatCtor, floatCtor, floatCtor
	out["bool_"] = bi("bool_", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		a, err := ip.getArgs("bool_", args, kw, pos, opt("x", false))
		if err != nil {
			return nil, err
		}
		return truth(a[0]), nil
	})
	out["array"] = bi("array", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		a, err := ip.getArgs("array", args, kw, pos, req("object"), opt("dtype", noneV))
		if err != nil {
			return nil, err
		}
		dt, err := ip.dtypeName(a[1], pos)
		if err != nil {
			return nil, err
		}
		if arr, ok := a[0].(*arrayV); ok {
			flat := make([]value, arr.size())
			for i := range flat {
				flat[i] = arr.at(i)
			}
			return ip.makeArray(flat, append([]int{}, arr.shape...), dt, pos)
		}
		var shape []int
		var flat []value
		if err := ip.flatten(a[0], 0, &shape, &flat, pos); err != nil {
			return nil, err
		}
		return ip.makeArray(flat, shape, dt, pos)
	})
	filled := func(name string, fill value) *builtinV {
		return bi(name, func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
			a, err := ip.getArgs(name, args, kw, pos, req("shape"), opt("dtype", noneV))
			if err != nil {
				return nil, err
			}
			dt, err := ip.dtypeName(a[1], pos)
			if err != nil {
				return nil, err
			}
			if dt == "" {
				dt = "float"
			}
			shape, n, err := ip.shapeOf(a[0], pos)
			if err != nil {
				return nil, err
			}
			flat := make([]value, n)
			for i := range flat {
				flat[i] = fill
			}
			return ip.makeArray(flat, shape, dt, pos)
		})
	}
	out["zeros"] = filled("zeros", intV{0, pyInt})
	out["ones"] = filled("ones", intV{1, pyInt})
	out["linspace"] = bi("linspace", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		a, err := ip.getArgs("linspace", args, kw, pos, req("start"), req("stop"), opt("num", intV{50, pyInt}), opt("endpoint", true))
		if err != nil {
			return nil, err
		}
		start, ok1 := asFloat(a[0])
		stop, ok2 := asFloat(a[1])
		num, ok3 := asInt(a[2])
		if !ok1 || !ok2 || !ok3 || num.v < 0 || num.v > maxElems {
			return nil, ip.errAt(pos, "TypeError: linspace(start, stop, num) wants numbers and a count up to %d", maxElems)
		}
		div := float64(num.v)
		if truth(a[3]) {
			div = float64(num.v - 1)
		}
		step := (stop - start) / div
		flat := make([]value, num.v)
		for i := range flat {
			if err := ip.step(pos); err != nil {
				return nil, err
			}
			flat[i] = float64(i)*step + start
		}
		if truth(a[3]) && num.v > 1 {
			flat[num.v-1] = stop
		}
		return ip.makeArray(flat, []int{int(num.v)}, "float", pos)
	})
	out["arange"] = bi("arange", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		a, err := ip.getArgs("arange", args, kw, pos, req("start"), opt("stop", noneV), opt("step", intV{1, pyInt}), opt("dtype", noneV))
		if err != nil {
			return nil, err
		}
		if _, none := a[1].(noneT); none {
			a[0], a[1] = intV{0, pyInt}, a[0]
		}
		dt, err := ip.dtypeName(a[3], pos)
		if err != nil {
			return nil, err
		}
		si, ok1 := asInt(a[0])
		ei, ok2 := asInt(a[1])
		ti, ok3 := asInt(a[2])
		var flat []value
		if ok1 && ok2 && ok3 {
			if ti.v == 0 {
				return nil, ip.errAt(pos, "ZeroDivisionError: arange step is zero")
			}
			r := &rangeV{si.v, ei.v, ti.v}
			if r.length() > maxElems {
				return nil, ip.errAt(pos, "array too large for the snapshot evaluator")
			}
			for i := int64(0); i < r.length(); i++ {
				flat = append(flat, intV{si.v + i*ti.v, pyInt})
			}
			if dt == "" {
				dt = "int64"
			}
		} else {
			s, ok1 := asFloat(a[0])
			e, ok2 := asFloat(a[1])
			t, ok3 := asFloat(a[2])
			if !ok1 || !ok2 || !ok3 || t == 0 || math.IsNaN(s+e+t) {
				return nil, ip.errAt(pos, "ValueError: bad arange arguments")
			}
			n := math.Ceil((e - s) / t)
			if n > maxElems {
				return nil, ip.errAt(pos, "array too large for the snapshot evaluator")
			}
			for i := 0; i < int(n); i++ {
				flat = append(flat, s+float64(i)*t)
			}
		}
		return ip.makeArray(flat, []int{len(flat)}, dt, pos)
	})
	for k, v := range ip.mathNames() {
		if _, ok := out[k]; !ok && k != "floor" && k != "ceil" && k != "trunc" {
			out[k] = v
		}
	}
	for _, n := range []string{"floor", "ceil", "trunc", "rint"} {
		n := n
		f := map[string]func(float64) float64{"floor": math.Floor, "ceil": math.Ceil, "trunc": math.Trunc, "rint": math.RoundToEven}[n]
		out[n] = bi(n, func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
			a, err := ip.getArgs(n, args, kw, pos, req("x"))
			if err != nil {
				return nil, err
			}
			x, ok := asFloat(a[0])
			if !ok {
				return nil, ip.errAt(pos, "TypeError: %s() wants a number", n)
			}
			return f(x), nil
		})
	}
	out["abs"] = ip.builtins["abs"]
	out["absolute"] = ip.builtins["abs"]
	out["round"] = bi("round", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		a, err := ip.getArgs("round", args, kw, pos, req("a"), opt("decimals", intV{0, pyInt}))
		if err != nil {
			return nil, err
		}
		if f, ok := a[0].(float64); ok {
			return ip.round(f, a[1], pos)
		}
		return ip.round(a[0], a[1], pos)
	})
	return out
}

func (ip *interp) mathNames() map[string]value {
	out := map[string]value{"pi": math.Pi, "e": math.E, "tau": 2 * math.Pi, "inf": math.Inf(1), "nan": math.NaN()}
	f1 := map[string]func(float64) float64{
		"sqrt": math.Sqrt, "exp": math.Exp, "log10": math.Log10, "log2": math.Log2, "sin": math.Sin,
		"cos": math.Cos, "tan": math.Tan, "asin": math.Asin, "acos": math.Acos, "atan": math.Atan,
		"fabs": math.Abs, "degrees": func(x float64) float64 { return x * 180 / math.Pi },
		"radians": func(x float64) float64 { return x * math.Pi / 180 },
	}
	for n, f := range f1 {
		n, f := n, f
		out[n] = bi(n, func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
			a, err := ip.getArgs(n, args, kw, pos, req("x"))
			if err != nil {
				return nil, err
			}
			x, ok := asFloat(a[0])
			if !ok {
				return nil, ip.errAt(pos, "TypeError: must be real number, not %s", typeName(a[0]))
			}
			if (n == "sqrt" && x < 0) || ((n == "log10" || n == "log2") && x <= 0) || ((n == "asin" || n == "acos") && math.Abs(x) > 1) {
				return nil, ip.errAt(pos, "ValueError: math domain error")
			}
			return f(x), nil
		})
	}
	out["log"] = bi("log", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		a, err := ip.getArgs("log", args, kw, pos, req("x"), opt("base", math.E))
		if err != nil {
			return nil, err
		}
		x, ok1 := asFloat(a[0])
		b, ok2 := asFloat(a[1])
		if !ok1 || !ok2 {
			return nil, ip.errAt(pos, "TypeError: must be real number")
		}
		if x <= 0 || b <= 0 || b == 1 {
			return nil, ip.errAt(pos, "ValueError: math domain error")
		}
		if b == math.E {
			return math.Log(x), nil
		}
		return math.Log(x) / math.Log(b), nil
	})
	f2 := map[string]func(float64, float64) float64{"atan2": math.Atan2, "hypot": math.Hypot, "copysign": math.Copysign, "fmod": math.Mod}
	for n, f := range f2 {
		n, f := n, f
		out[n] = bi(n, func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
			a, err := ip.getArgs(n, args, kw, pos, req("x"), req("y"))
			if err != nil {
				return nil, err
			}
			x, ok1 := asFloat(a[0])
			y, ok2 := asFloat(a[1])
			if !ok1 || !ok2 {
				return nil, ip.errAt(pos, "TypeError: must be real number")
			}
			return f(x, y), nil
		})
	}
	for _, n := range []string{"floor", "ceil", "trunc"} {
		n := n
		f := map[string]func(float64) float64{"floor": math.Floor, "ceil": math.Ceil, "trunc": math.Trunc}[n]
		out[n] = bi(n, func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
			a, err := ip.getArgs(n, args, kw, pos, req("x"))
			if err != nil {
				return nil, err
			}
			if i, ok := asInt(a[0]); ok {
				return intV{i.v, pyInt}, nil
			}
			x, ok := asFloat(a[0])
			if !ok {
				return nil, ip.errAt(pos, "TypeError: must be real number, not %s", typeName(a[0]))
			}
			return ip.toInt(f(x), absent, pyInt, pos)
		})
	}
	for _, n := range []string{"isnan", "isinf", "isfinite"} {
		n := n
		out[n] = bi(n, func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
			a, err := ip.getArgs(n, args, kw, pos, req("x"))
			if err != nil {
				return nil, err
			}
			x, ok := asFloat(a[0])
			if !ok {
				return nil, ip.errAt(pos, "TypeError: must be real number, not %s", typeName(a[0]))
			}
			switch n {
			case "isnan":
				return math.IsNaN(x), nil
			case "isinf":
				return math.IsInf(x, 0), nil
			}
			return !math.IsNaN(x) && !math.IsInf(x, 0), nil
		})
	}
	out["pow"] = bi("pow", func(ip *interp, args []value, kw []kwArg, pos Pos) (value, error) {
		a, err := ip.getArgs("pow", args, kw, pos, req("x"), req("y"))
		if err != nil {
			return nil, err
		}
		x, ok1 := asFloat(a[0])
		y, ok2 := asFloat(a[1])
		if !ok1 || !ok2 {
			return nil, ip.errAt(pos, "TypeError: must be real number")
		}
		return ip.floatOp(syntax.Pow, x, y, pos)
	})
	return out
}

// dtypeName maps a dtype argument to "", "bool", "int32", "int64" or "float".
func (ip *interp) dtypeName(v value, pos Pos) (string, error) {
	switch d := v.(type) {
	case noneT:
		return "", nil
	case string:
		switch d {
		case "bool", "bool_", "?":
			return "bool", nil
		case "int32", "i4", "<i4":
			return "int32", nil
		case "int64", "i8", "<i8", "int":
			return "int64", nil
		case "float", "float64", "f8", "<f8", "double":
			return "float", nil
		}
	case *builtinV:
		switch d.name {
		case "bool", "bool_":
			return "bool", nil
		case "int32":
			return "int32", nil
		case "int", "int64":
			return "int64", nil
		case "float", "float64":
			return "float", nil
		}
	}
	r, _ := ip.repr(v, pos)
	return "", ip.unsupported(pos, "the dtype %s (arrays hold bool, int32, int64 or float)", r)
}

func (ip *interp) shapeOf(v value, pos Pos) ([]int, int, error) {
	var dims []value
	if t, ok := v.(*tupleV); ok {
		dims = t.elems
	} else if l, ok := v.(*listV); ok {
		dims = l.elems
	} else {
		dims = []value{v}
	}
	var shape []int
	n := 1
	for _, d := range dims {
		i, ok := asInt(d)
		if !ok || i.v < 0 || i.v > maxElems {
			return nil, 0, ip.errAt(pos, "ValueError: bad array shape")
		}
		shape = append(shape, int(i.v))
		n *= int(i.v)
		if n > maxElems {
			return nil, 0, ip.errAt(pos, "array too large for the snapshot evaluator")
		}
	}
	if len(shape) == 0 {
		return nil, 0, ip.unsupported(pos, "0-dimensional arrays")
	}
	return shape, n, nil
}

// flatten walks nested lists/tuples, recording the shape and the scalars.
func (ip *interp) flatten(v value, dim int, shape *[]int, flat *[]value, pos Pos) error {
	var elems []value
	switch x := v.(type) {
	case *listV:
		elems = x.elems
	case *tupleV:
		elems = x.elems
	case *arrayV:
		elems = make([]value, 0)
		l := ip.arrayToList(x, 0, 0).(*listV)
		elems = l.elems
	default:
		if dim == 0 {
			return ip.unsupported(pos, "0-dimensional arrays")
		}
		if dim != len(*shape) {
			return ip.errAt(pos, "ValueError: the array is not rectangular")
		}
		if len(*flat) >= maxElems {
			return ip.errAt(pos, "array too large for the snapshot evaluator")
		}
		*flat = append(*flat, v)
		return ip.step(pos)
	}
	if dim == len(*shape) {
		if len(*flat) > 0 {
			return ip.errAt(pos, "ValueError: the array is not rectangular")
		}
		*shape = append(*shape, len(elems))
	} else if dim > len(*shape) || (*shape)[dim] != len(elems) {
		return ip.errAt(pos, "ValueError: the array is not rectangular")
	}
	for _, e := range elems {
		if err := ip.flatten(e, dim+1, shape, flat, pos); err != nil {
			return err
		}
	}
	return nil
}

// makeArray builds an array from scalars; dtype "" infers it as NumPy
// does: float if any element is a float, bool if all are bools, int32 if
// all are numpy.int32, else int64.
func (ip *interp) makeArray(flat []value, shape []int, dtype string, pos Pos) (value, error) {
	if dtype == "" {
		dtype = "bool"
		all32 := len(flat) > 0
		for _, v := range flat {
			switch x := v.(type) {
			case float64:
				dtype = "float"
			case intV:
				if dtype == "bool" {
					dtype = "int64"
				}
				if x.np != np32 {
					all32 = false
				}
			case bool:
				all32 = false
			default:
				return nil, ip.unsupported(pos, "an array of %s", typeName(v))
			}
			if dtype == "float" {
				break
			}
		}
		if dtype == "int64" && all32 {
			dtype = "int32"
		}
		if len(flat) == 0 {
			dtype = "float"
		}
	}
	a := &arrayV{shape: shape}
	switch dtype {
	case "float":
		a.elem = KindFloat
		a.floats = make([]float64, len(flat))
	case "bool":
		a.elem = KindBool
		a.ints = make([]int64, len(flat))
	case "int32":
		a.elem = KindInt32
		a.ints = make([]int64, len(flat))
	default:
		a.elem = KindInt64
		a.ints = make([]int64, len(flat))
	}
	for i, v := range flat {
		if !isNumber(v) {
			return nil, ip.unsupported(pos, "an array of %s", typeName(v))
		}
		if a.elem == KindInt32 {
			if n, ok := asInt(v); ok && (n.v < math.MinInt32 || n.v > math.MaxInt32) {
				return nil, ip.errAt(pos, "OverflowError: %d does not fit an int32 array", n.v)
			}
		}
		if err := ip.arraySet(a, i, v, pos); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// ----------------------------------------------------------------------------
// Argument processors

func (ip *interp) newProcessor(kind string, args []value, kw []kwArg, pos Pos) (value, error) {
	p := &procV{kind: kind, precision: 2, typ: "auto", min: noneV, max: noneV}
	var a []value
	var err error
	switch kind {
	case "NumberValue":
		a, err = ip.getArgs(kind, args, kw, pos, opt("default", absent), opt("unit", ""), opt("scale", noneV),
			opt("step", noneV), opt("min", noneV), opt("max", noneV), opt("precision", noneV), opt("ndecimals", noneV),
			opt("type", "auto"))
		if err != nil {
			return nil, err
		}
		unit, ok := a[1].(string)
		if !ok {
			return nil, ip.errAt(pos, "TypeError: NumberValue unit must be a str")
		}
		p.unit = unit
		if _, none := a[2].(noneT); none {
			if unit == "" {
				p.scale = 1.0
			} else if s, ok := units[unit]; ok {
				p.scale = s
			} else {
				return nil, ip.errAt(pos, "KeyError: unit %s is unknown; give a scale", pyQuote(unit))
			}
		} else if s, ok := asFloat(a[2]); ok {
			p.scale = s
		} else {
			return nil, ip.errAt(pos, "TypeError: NumberValue scale must be a number")
		}
		if _, none := a[3].(noneT); none {
			p.step = p.scale / 10.0
		} else if s, ok := asFloat(a[3]); ok {
			p.step = s
		} else {
			return nil, ip.errAt(pos, "TypeError: NumberValue step must be a number")
		}
		p.min, p.max = a[4], a[5]
		for _, prec := range []value{a[7], a[6]} {
			if _, none := prec.(noneT); !none {
				n, ok := asInt(prec)
				if !ok {
					return nil, ip.errAt(pos, "TypeError: NumberValue precision must be an int")
				}
				p.precision = n.v
			}
		}
		t, ok := a[8].(string)
		if !ok || (t != "auto" && t != "int" && t != "float") {
			return nil, ip.errAt(pos, "ValueError: NumberValue type must be \"auto\", \"int\" or \"float\"")
		}
		p.typ = t
	case "EnumerationValue":
		a, err = ip.getArgs(kind, args, kw, pos, req("choices"), opt("default", absent), opt("quickstyle", false))
		if err != nil {
			return nil, err
		}
		if p.choices, err = ip.toSlice(a[0], pos); err != nil {
			return nil, err
		}
		a = a[1:]
	default:
		a, err = ip.getArgs(kind, args, kw, pos, opt("default", absent))
		if err != nil {
			return nil, err
		}
	}
	if !isAbsent(a[0]) {
		p.def, p.hasDefault = a[0], true
	}
	return p, nil
}

// isInt is NumberValue's rule for integer arguments: type="int", or
// type="auto" with precision 0 and an integral step.
func (p *procV) isInt() bool {
	return p.typ == "int" || (p.typ == "auto" && p.precision == 0 && p.step == math.Trunc(p.step))
}

// process applies the processor to a value, as ARTIQ does when the
// experiment asks for the argument.
func (ip *interp) process(p *procV, key string, v value, pos Pos) (value, error) {
	bad := func(format string, args ...interface{}) error {
		e := ip.errAt(pos, "argument %s: "+format, append([]interface{}{Quote(key)}, args...)...)
		return e
	}
	switch p.kind {
	case "NumberValue":
		if _, ok := asFloat(v); !ok {
			return nil, bad("NumberValue wants a number, got %s", typeName(v))
		}
		var out value
		var err error
		if p.isInt() {
			if f, ok := v.(float64); ok && (math.IsNaN(f) || math.IsInf(f, 0)) {
				return nil, bad("%s is not an integer", FormatFloat(f))
			}
			out, err = ip.toInt(v, absent, pyInt, pos)
		} else {
			out, err = ip.toFloat(v, pos)
		}
		if err != nil {
			return nil, err
		}
		if f, ok := out.(float64); ok && timeUnits[p.unit] && (math.IsNaN(f) || math.IsInf(f, 0)) {
			return nil, bad("%s is not a valid timing (unit %s)", FormatFloat(f), p.unit)
		}
		for i, lim := range []value{p.min, p.max} {
			if _, none := lim.(noneT); none {
				continue
			}
			c, err := ip.order(out, lim, pos)
			if err != nil {
				return nil, err
			}
			if (i == 0 && c < 0) || (i == 1 && c == 1) || c == 2 {
				s, _ := ip.repr(out, pos)
				l, _ := ip.repr(lim, pos)
				which := "min"
				if i == 1 {
					which = "max"
				}
				return nil, bad("%s is outside the range of the NumberValue (%s=%s)", s, which, l)
			}
		}
		return out, nil
	case "BooleanValue":
		if _, ok := v.(bool); !ok {
			return nil, bad("BooleanValue wants True or False, got %s", typeName(v))
		}
	case "StringValue":
		if _, ok := v.(string); !ok {
			return nil, bad("StringValue wants a str, got %s", typeName(v))
		}
	case "EnumerationValue":
		in := false
		for _, c := range p.choices {
			eq, err := ip.equal(c, v, pos)
			if err != nil {
				return nil, err
			}
			in = in || eq
		}
		if !in {
			r, _ := ip.repr(v, pos)
			var cs []string
			for _, c := range p.choices {
				s, _ := ip.repr(c, pos)
				cs = append(cs, s)
			}
			return nil, bad("%s is not one of the choices %s", r, strings.Join(cs, ", "))
		}
	}
	return v, nil
}
