package types

import (
	"math"
	"strings"

	"github.com/rules-artiq/rules_artiq/compiler/syntax"
)

// ARTIQ's legacy surface: what the drivers and experiments that labs
// write for ARTIQ's own (Python) compiler use, beyond the kernel language's
// own spellings.
//
//   - Annotations from artiq.language.types: TNone, TBool, TInt32, TInt64,
//     TFloat, TStr (parseTypeName), TList(T), TTuple([T1, T2]),
//     TRange32/TRange64, and NumPy's scalar types through any alias of
//     numpy (`import numpy as np`: np.int64), TArray(T[, n]) (array.go).
//   - More of artiq's modules are the language's own: the environment,
//     scan and exceptions modules (their kernel-visible names are
//     builtins; the rest are host-side names, bound lazily).
//   - All of artiq.language.units.
//   - Module constants computed from other constants, as drivers write
//     them: `SPI_CONFIG = 0*spi.SPI_OFFLINE | 1*spi.SPI_END`,
//     `_MASK = (1 << 14) - 1`, `T = int64(125000)`.

// isLegacyModule reports the further ARTIQ modules whose names the
// language provides.
func isLegacyModule(m string) bool {
	switch m {
	case "artiq.language.environment", "artiq.language.scan", "artiq.coredevice.exceptions",
		"artiq.language.embedding_map":
		return true
	}
	return false
}

// legacyUnits are the units of artiq.language.units beyond those of the
// language's own table (seconds and hertz).
var legacyUnits = map[string]float64{
	"ps": 1e-12, "mHz": 1e-3, "dB": 1,
	"uV": 1e-6, "mV": 1e-3, "V": 1, "kV": 1e3,
	"nA": 1e-9, "uA": 1e-6, "mA": 1e-3, "A": 1,
	"nW": 1e-9, "uW": 1e-6, "mW": 1e-3, "W": 1,
}

func init() {
	for k, v := range legacyUnits {
		if _, ok := units[k]; !ok {
			units[k] = v
		}
	}
}

// isLegacyName reports names that ARTIQ's language modules export and the
// checker knows: legacy type constructors, units, the host environment's
// base classes and the built-in exceptions.
func isLegacyName(name string) bool {
	switch name {
	case "TList", "TTuple", "TArray", "TRange32", "TRange64", "TBytes", "TByteArray", "TOption",
		"host_only", "KernelInvariant", "Kernel", "Experiment", "now_mu", "at_mu", "delay_mu",
		"delay", "seconds_to_mu", "mu_to_seconds", "rtio_output", "rtio_get_counter":
		return true
	}
	if _, ok := units[name]; ok {
		return true
	}
	return hostBases[name] || builtinExceptions[name]
}

// legacyAnnotation converts the annotations that annotation() does not
// know: calls of artiq.language.types' constructors and NumPy scalar
// types through an alias of numpy. ok is false when e is neither.
func (c *checker) legacyAnnotation(e syntax.Expr) (t Type, ok bool) {
	switch e := e.(type) {
	case *syntax.Name:
		switch e.Value {
		case "TRange32":
			return &Range{Elem: TInt32}, true
		case "TRange64":
			return &Range{Elem: TInt64}, true
		case "TOption":
			d := c.errorf(e.Pos(), "type annotation %s is not supported in kernels yet", e.Value)
			d.Hint = "use TInt32, TInt64, TFloat, TBool, TStr, TNone, TList(T) or TTuple([T1, T2])"
			return c.fresh(), true
		}
	case *syntax.Attribute:
		if x, isName := e.X.(*syntax.Name); isName && c.isNumpy(x.Value) {
			switch e.Name {
			case "int32", "int64", "bool":
				return parseTypeName(e.Name), true
			case "float64", "float", "double":
				return TFloat, true
			case "bool_":
				return TBool, true
			case "int_":
				return TInt64, true
			}
		}
	case *syntax.Call:
		n, isName := e.Fun.(*syntax.Name)
		if !isName || len(e.Keywords) > 0 {
			if isName && n.Value == "TArray" {
				return c.legacyArrayAnnotation(e), true // array.go: TArray(T, num_dims=n)
			}
			return nil, false
		}
		switch n.Value {
		case "TList":
			if len(e.Args) == 1 {
				return &List{Elem: c.annotation(e.Args[0])}, true
			}
		case "TTuple":
			if len(e.Args) == 1 {
				var elts []syntax.Expr
				switch a := e.Args[0].(type) {
				case *syntax.List:
					elts = a.Elts
				case *syntax.Tuple:
					elts = a.Elts
				default:
					return nil, false
				}
				tup := &Tuple{}
				for _, x := range elts {
					tup.Elems = append(tup.Elems, c.annotation(x))
				}
				return tup, true
			}
		case "TArray":
			return c.legacyArrayAnnotation(e), true // array.go
		}
	}
	return nil, false
}

// isNumpy reports whether name is numpy, or an alias of it
// (`import numpy as np`).
func (c *checker) isNumpy(name string) bool {
	if obj, ok := c.scope[name]; ok {
		return obj.Kind == ObjModule && obj.Module == "numpy"
	}
	return name == "numpy"
}

// moduleAvailable reports whether m is a module kernels can import: the
// language's own, or a kernel module whose interface the compile has.
func (c *checker) moduleAvailable(m string) bool {
	if isLanguageModule(m) {
		return true
	}
	_, ok := c.cfg.Imports[m]
	return ok
}

// lazyImport binds the name that `import a.b.c [as x]` binds when a.b.c is
// not a kernel module: kernels that use it get the error.
func (c *checker) lazyImport(a *syntax.Alias) {
	name := a.AsName
	if name == "" {
		first, _, _ := strings.Cut(a.Name, ".")
		if c.moduleAvailable(first) {
			// `import numpy.linalg`: numpy itself is fine.
			if _, bound := c.scope[first]; !bound {
				c.scope[first] = &Object{Kind: ObjModule, Name: first, Module: first, Pos: a.P}
			}
			return
		}
		name = first
	}
	if prev, bound := c.scope[name]; bound && prev.HostName == nil {
		return
	}
	c.scope[name] = &Object{Kind: ObjModule, Name: name, Pos: a.P, HostName: &HostName{Missing: a.Name, Pos: a.P}}
}

// lazyImportFrom binds the names of `from m import ...` when m is not a
// kernel module.
func (c *checker) lazyImportFrom(s *syntax.ImportFrom) {
	if s.Star {
		c.hc().starMissing = append(c.hc().starMissing, s.Module)
		return
	}
	for _, a := range s.Names {
		name := a.Name
		if a.AsName != "" {
			name = a.AsName
		}
		if prev, bound := c.scope[name]; bound && prev.HostName == nil {
			continue
		}
		c.scope[name] = &Object{Kind: ObjHostValue, Name: name, Pos: a.P, HostName: &HostName{Missing: s.Module, Pos: s.Pos()}}
	}
}

// lazyConst declares a module-level assignment of a library: a constant
// when its value is one, host code otherwise (hostcode.go). It reports
// whether it handled the statement.
func (c *checker) lazyConst(s syntax.Stmt) bool {
	var target, value syntax.Expr
	switch s := s.(type) {
	case *syntax.Assign:
		if len(s.Targets) != 1 {
			c.skipHostStatement(s)
			return true
		}
		target, value = s.Targets[0], s.Value
	case *syntax.AnnAssign:
		if s.Value == nil {
			c.skipHostStatement(s)
			return true
		}
		target, value = s.Target, s.Value
	default:
		return false
	}
	if _, ok := target.(*syntax.Name); !ok {
		c.skipHostStatement(s)
		return true
	}
	if obj := c.aliasOf(value); obj != nil {
		// `urukul_sta_pll_lock = urukul.urukul_sta_pll_lock` (ARTIQ's
		// drivers work around its import machinery this way): another
		// name for a kernel function, syscall, class or module.
		n := target.(*syntax.Name)
		alias := *obj
		alias.Pos = n.Pos()
		c.bind(n.Value, n.Pos(), &alias)
		return true
	}
	if c.evalConst(value) == nil {
		n := target.(*syntax.Name)
		c.bindHostName(n.Value, n.Pos(), &HostName{What: "a module-level value that is not a constant",
			Hint: "kernels can use module constants: numbers, bools, strings and None, and expressions of them"})
		return true
	}
	return false
}

// aliasOf resolves a module-level value that names a kernel function,
// syscall, class or module of this module or an imported kernel module
// (`f`, `mod.f`, `pkg.mod`), or returns nil.
func (c *checker) aliasOf(e syntax.Expr) *Object {
	path := dotted(e)
	if path == "" {
		return nil
	}
	first, rest, qualified := strings.Cut(path, ".")
	root := c.scope[first]
	if root == nil || root.HostName != nil {
		return nil
	}
	if !qualified {
		switch root.Kind {
		case ObjFunc, ObjSyscall, ObjClass, ObjModule:
			return root
		}
		return nil
	}
	if root.Kind != ObjModule || root.Module == "" {
		return nil
	}
	full := root.Module + "." + rest
	if _, ok := c.cfg.Imports[full]; ok && c.info.Imported[full] {
		return &Object{Kind: ObjModule, Name: path, Module: full}
	}
	for i := strings.LastIndexByte(full, '.'); i > 0; i = strings.LastIndexByte(full[:i], '.') {
		mod := full[:i]
		it, ok := c.cfg.Imports[mod]
		if !ok || !c.info.Imported[mod] {
			continue
		}
		if obj := c.memberOf(it, full[i+1:]); obj != nil && obj.Kind != ObjConst {
			return obj
		}
		return nil
	}
	return nil
}

// evalConstExpr folds the constant expressions that drivers use for their
// constants: arithmetic, bit operations, unary operators, references to
// other modules' constants (spi.SPI_END, numpy.pi) and the conversions
// int32(), int64(), int(), float(), bool() (also numpy's). It returns nil
// when e is not constant.
func (c *checker) evalConstExpr(e syntax.Expr) *Const {
	switch e := e.(type) {
	case *syntax.Name:
		if _, bound := c.scope[e.Value]; !bound {
			if v, ok := units[e.Value]; ok {
				return &Const{Type: TFloat, Float: v}
			}
		}
	case *syntax.Binary:
		x := c.evalConst(e.X)
		y := c.evalConst(e.Y)
		if x == nil || y == nil {
			return nil
		}
		return c.foldBinary(e.Op, x, y)
	case *syntax.Unary:
		x := c.evalConst(e.X)
		if x == nil {
			return nil
		}
		switch e.Op {
		case syntax.Add:
			if constIsNumber(x) {
				return x
			}
		case syntax.Not:
			if b, ok := constTruth(x); ok {
				return boolConst(!b)
			}
		case syntax.Invert:
			if constIsInt(x) {
				return c.intConst(^x.Int, constIs64(x))
			}
		}
	case *syntax.Attribute:
		return c.constAttribute(e)
	case *syntax.Call:
		if len(e.Args) != 1 || len(e.Keywords) > 0 {
			return nil
		}
		var name string
		switch f := e.Fun.(type) {
		case *syntax.Name:
			if _, bound := c.scope[f.Value]; bound {
				if obj := c.scope[f.Value]; obj.Kind != ObjBuiltin {
					return nil
				}
			}
			name = f.Value
		case *syntax.Attribute:
			if x, ok := f.X.(*syntax.Name); ok && c.isNumpy(x.Value) {
				name = f.Name
			}
		}
		x := c.evalConst(e.Args[0])
		if x == nil {
			return nil
		}
		switch name {
		case "int32", "int64", "int":
			v := x.Int
			switch {
			case constIsFloat(x):
				if math.IsNaN(x.Float) || math.IsInf(x.Float, 0) || math.Abs(x.Float) >= 1<<63 {
					return nil
				}
				v = int64(x.Float)
			case !constIsInt(x) && !Is(x.Type, Bool):
				return nil
			}
			switch name {
			case "int64":
				return &Const{Type: TInt64, Int: v}
			case "int32":
				if v > math.MaxInt32 || v < math.MinInt32 {
					return nil
				}
				return &Const{Type: TInt32, Int: v}
			}
			return c.intConst(v, constIs64(x))
		case "float", "float64":
			if f, ok := constFloat(x); ok {
				return &Const{Type: TFloat, Float: f}
			}
		case "bool", "bool_":
			if b, ok := constTruth(x); ok {
				return boolConst(b)
			}
		}
	}
	return nil
}

// constAttribute folds a module-qualified constant: spi.SPI_END where spi
// is an imported kernel module, numpy.pi.
func (c *checker) constAttribute(e *syntax.Attribute) *Const {
	path := dotted(e)
	if path == "" {
		return nil
	}
	first, rest, _ := strings.Cut(path, ".")
	root, ok := c.scope[first]
	if !ok {
		if first != "numpy" && first != "math" {
			return nil
		}
		root = &Object{Kind: ObjModule, Module: first}
	}
	if root.Kind != ObjModule || root.Module == "" {
		return nil
	}
	full := root.Module + "." + rest
	if mod, member, ok := strings.Cut(full, "."); ok && isMathModule(mod) {
		if obj := mathMember(mod, member); obj != nil && obj.Kind == ObjConst {
			k := *obj.Const
			return &k
		}
		return nil
	}
	for i := strings.LastIndexByte(full, '.'); i > 0; i = strings.LastIndexByte(full[:i], '.') {
		it, ok := c.cfg.Imports[full[:i]]
		if !ok {
			continue
		}
		if obj := c.memberOf(it, full[i+1:]); obj != nil && obj.Kind == ObjConst {
			c.info.Imported[full[:i]] = true
			k := *obj.Const
			return &k
		}
		return nil
	}
	return nil
}

func constIsInt(k *Const) bool   { return IsInt(k.Type) }
func constIsFloat(k *Const) bool { return Is(k.Type, Float) }
func constIs64(k *Const) bool    { return Is(k.Type, Int64) }
func constIsNumber(k *Const) bool {
	return constIsInt(k) || constIsFloat(k) || Is(k.Type, Bool)
}

func constFloat(k *Const) (float64, bool) {
	switch {
	case constIsFloat(k):
		return k.Float, true
	case constIsInt(k), Is(k.Type, Bool):
		return float64(k.Int), true
	}
	return 0, false
}

func constTruth(k *Const) (bool, bool) {
	switch {
	case constIsFloat(k):
		return k.Float != 0, true
	case constIsInt(k), Is(k.Type, Bool):
		return k.Int != 0, true
	case Is(k.Type, Str):
		return k.Str != "", true
	case Is(k.Type, NoneKind):
		return false, true
	}
	return false, false
}

func boolConst(b bool) *Const {
	k := &Const{Type: TBool}
	if b {
		k.Int = 1
	}
	return k
}

// intConst is an integer constant: int64 when wide is set or the value
// does not fit in int32, otherwise an integer of undecided width (as a
// literal is).
func (c *checker) intConst(v int64, wide bool) *Const {
	if wide || v > math.MaxInt32 || v < math.MinInt32 {
		return &Const{Type: TInt64, Int: v}
	}
	return &Const{Type: c.freshInt(), Int: v}
}

// foldBinary computes x op y with Python's semantics; nil when the
// operation is not defined or overflows int64.
func (c *checker) foldBinary(op syntax.Op, x, y *Const) *Const {
	if Is(x.Type, Str) || Is(y.Type, Str) {
		if op == syntax.Add && Is(x.Type, Str) && Is(y.Type, Str) {
			return &Const{Type: TStr, Str: x.Str + y.Str}
		}
		return nil
	}
	if !constIsNumber(x) || !constIsNumber(y) {
		return nil
	}
	if constIsFloat(x) || constIsFloat(y) || op == syntax.Div {
		a, _ := constFloat(x)
		b, _ := constFloat(y)
		var r float64
		switch op {
		case syntax.Add:
			r = a + b
		case syntax.Sub:
			r = a - b
		case syntax.Mul:
			r = a * b
		case syntax.Div:
			if b == 0 {
				return nil
			}
			r = a / b
		case syntax.FloorDiv:
			if b == 0 {
				return nil
			}
			r = math.Floor(a / b)
		case syntax.Mod:
			if b == 0 {
				return nil
			}
			r = math.Mod(a, b)
			if r != 0 && (r < 0) != (b < 0) {
				r += b
			}
		case syntax.Pow:
			r = math.Pow(a, b)
		default:
			return nil
		}
		return &Const{Type: TFloat, Float: r}
	}
	a, b := x.Int, y.Int
	wide := constIs64(x) || constIs64(y)
	big := func(r float64) bool { return r > math.MaxInt64 || r < math.MinInt64 }
	var r int64
	switch op {
	case syntax.Add:
		r = a + b
		if (r > a) != (b > 0) && b != 0 {
			return nil
		}
	case syntax.Sub:
		r = a - b
		if (r < a) != (b > 0) && b != 0 {
			return nil
		}
	case syntax.Mul:
		if big(float64(a) * float64(b)) {
			return nil
		}
		r = a * b
	case syntax.FloorDiv, syntax.Mod:
		if b == 0 {
			return nil
		}
		q, m := a/b, a%b
		if m != 0 && (m < 0) != (b < 0) {
			q--
			m += b
		}
		r = q
		if op == syntax.Mod {
			r = m
		}
	case syntax.Pow:
		if b < 0 {
			return &Const{Type: TFloat, Float: math.Pow(float64(a), float64(b))}
		}
		if big(math.Pow(float64(a), float64(b))) {
			return nil
		}
		r = 1
		for i := int64(0); i < b; i++ {
			r *= a
		}
	case syntax.LShift:
		if b < 0 || b > 63 || big(float64(a)*math.Pow(2, float64(b))) {
			return nil
		}
		r = a << uint(b)
	case syntax.RShift:
		if b < 0 {
			return nil
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
		return nil
	}
	return c.intConst(r, wide)
}

// absoluteImport makes `from .m import n` (relative to this module's
// package) absolute, or returns nil when it leaves the top-level package.
func (c *checker) absoluteImport(s *syntax.ImportFrom) *syntax.ImportFrom {
	parts := strings.Split(c.cfg.Module, ".")
	if s.Level > len(parts)-1 {
		return nil
	}
	base := strings.Join(parts[:len(parts)-s.Level], ".")
	abs := *s
	abs.Level = 0
	switch {
	case s.Module == "":
		abs.Module = base
	case base != "":
		abs.Module = base + "." + s.Module
	}
	return &abs
}
