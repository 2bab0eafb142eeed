package types

import "math"

// The math module and NumPy's scalar functions, through the firmware's
// libm exports. math.floor/ceil/trunc return integers as in Python; the
// NumPy ones return floats.

var mathUnary = map[string]bool{
	"sqrt": true, "sin": true, "cos": true, "tan": true, "asin": true, "acos": true, "atan": true,
	"sinh": true, "cosh": true, "tanh": true, "asinh": true, "acosh": true, "atanh": true,
	"exp": true, "expm1": true, "log": true, "log2": true, "log10": true, "log1p": true,
	"fabs": true, "cbrt": true, "erf": true, "erfc": true, "gamma": true, "lgamma": true,
	"exp2": true, "rint": true,
}

var mathBinary = map[string]bool{"atan2": true, "pow": true, "fmod": true, "hypot": true, "copysign": true}

var mathConsts = map[string]float64{
	"pi": 3.141592653589793, "e": 2.718281828459045, "tau": 6.283185307179586,
	"inf": math.Inf(1), "nan": math.NaN(),
}

// numpyAliases are NumPy's names of math functions.
var numpyAliases = map[string]string{
	"arcsin": "asin", "arccos": "acos", "arctan": "atan", "arctan2": "atan2",
	"arcsinh": "asinh", "arccosh": "acosh", "arctanh": "atanh", "power": "pow",
	"deg2rad": "radians", "rad2deg": "degrees",
}

// MathName is the math module's name of a math or numpy function
// (numpy.arcsin is math.asin).
func MathName(module, name string) string {
	if module == "numpy" {
		if n, ok := numpyAliases[name]; ok {
			return n
		}
	}
	return name
}

// mathMember resolves module.name for the math and numpy modules: a
// builtin object (Name "math.sqrt"), a constant, or nil.
func mathMember(module, name string) *Object {
	if v, ok := mathConsts[name]; ok {
		return &Object{Kind: ObjConst, Name: name, Type: TFloat, Const: &Const{Type: TFloat, Float: v}}
	}
	if alias, ok := numpyAliases[name]; ok && module == "numpy" {
		name = alias
	}
	full := module + "." + name
	if module == "numpy" {
		switch name {
		case "int32", "int64":
			return &Object{Kind: ObjBuiltin, Name: name}
		case "float64", "float":
			return &Object{Kind: ObjBuiltin, Name: "float"}
		case "abs", "absolute":
			return &Object{Kind: ObjBuiltin, Name: "abs"}
		case "array", "zeros", "ones", "full", "arange", "linspace", "sum", "mean", "min", "max", "amin", "amax":
			return &Object{Kind: ObjBuiltin, Name: "numpy." + name} // array.go
		}
	}
	if t := mathType(full); t != nil {
		return &Object{Kind: ObjBuiltin, Name: full, Type: t}
	}
	return nil
}

// mathType is the signature of a math or numpy function, or nil.
func mathType(full string) *Func {
	module, name := "", full
	for i := 0; i < len(full); i++ {
		if full[i] == '.' {
			module, name = full[:i], full[i+1:]
		}
	}
	f1 := func(r Type) *Func { return &Func{Params: []Param{{Name: "x", Type: TFloat}}, Result: r} }
	if module == "numpy" && name != MathName(module, name) {
		return mathType("math." + MathName(module, name))
	}
	switch {
	case module == "math" && name == "log":
		// math.log(x[, base]): the base's default (nil here) means e.
		return &Func{Params: []Param{{Name: "x", Type: TFloat}, {Name: "base", Type: TFloat, Default: &Const{Type: TFloat, Float: math.E}}}, Result: TFloat}
	case name == "degrees" || name == "radians":
		return f1(TFloat)
	case module != "math" && module != "numpy":
		return nil
	case mathUnary[name] && !(module == "math" && name == "rint"):
		return f1(TFloat)
	case mathBinary[name]:
		return &Func{Params: []Param{{Name: "x", Type: TFloat}, {Name: "y", Type: TFloat}}, Result: TFloat}
	case name == "floor" || name == "ceil" || name == "trunc":
		if module == "math" {
			return f1(TInt32)
		}
		return f1(TFloat)
	case name == "isnan" || name == "isinf" || name == "isfinite":
		return f1(TBool)
	}
	return nil
}

func isMathModule(m string) bool { return m == "math" || m == "numpy" }
