package snapshot

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/rules-artiq/rules_artiq/compiler/syntax"
)

// Options says what to freeze: an experiment class, the lab's device
// database, datasets and arguments.
type Options struct {
	DeviceDB  string   // device_db.py ("" for none)
	Datasets  string   // a JSON (.json) or pyon datasets file ("" for none)
	Args      []string // NAME=VALUE, in command-line order; VALUE is a Python literal (strings may go unquoted for StringValue and EnumerationValue)
	Path      []string // import roots searched after the experiment's own directory
	File      string   // the experiment's source file
	Class     string   // the experiment class
	Method    string   // the kernel entry method (default "run")
	Module    string   // the experiment file's module path (default: the file's base name)
	EntryArgs []string // Python literals: the entry method's arguments
	// ReadFile reads sources; nil means os.ReadFile.
	ReadFile func(string) ([]byte, error)
}

// Freeze evaluates an experiment's build() (and prepare()) with the
// device drivers from the device database, the datasets and the
// arguments, and returns the snapshot of the objects the entry reaches.
// Errors are *Error or ErrorList values naming file, line, column and key.
func Freeze(o Options) (*Snapshot, error) {
	read := o.ReadFile
	if read == nil {
		read = os.ReadFile
	}
	if o.Method == "" {
		o.Method = "run"
	}
	if o.Module == "" {
		o.Module = strings.TrimSuffix(filepath.Base(o.File), ".py")
	}
	fz := &freezer{args: map[string][]givenArg{}, requested: map[string]bool{}, devices: map[string]value{},
		creating: map[string]bool{}, local: map[string]value{}, datasets: map[string]value{}}
	for i, a := range o.Args {
		name, val, ok := strings.Cut(a, "=")
		if !ok || !isIdent(name) {
			return nil, &Error{Key: name, Msg: fmt.Sprintf("--arg %q: want NAME=VALUE", a)}
		}
		fz.args[name] = append(fz.args[name], givenArg{text: val, index: i})
		if len(fz.args[name]) == 1 {
			fz.argOrder = append(fz.argOrder, name)
		}
	}
	if o.DeviceDB != "" {
		src, err := read(o.DeviceDB)
		if err != nil {
			return nil, &Error{Msg: fmt.Sprintf("cannot read the device database: %v", err)}
		}
		if fz.ddb, err = EvalDeviceDB(o.DeviceDB, src); err != nil {
			return nil, err
		}
	}
	paths := append([]string{filepath.Dir(o.File)}, o.Path...)
	ip := newInterp(read, paths)
	ip.fz = fz
	fz.ip = ip
	fz.dmgr = &opaqueV{desc: "device manager", dmgr: true}
	fz.managers = &opaqueV{desc: "managers"}
	if o.Datasets != "" {
		fz.datasetsFile = o.Datasets
		data, err := read(o.Datasets)
		if err != nil {
			return nil, &Error{Msg: fmt.Sprintf("cannot read the datasets: %v", err)}
		}
		if fz.datasets, err = ip.readDatasets(o.Datasets, data); err != nil {
			return nil, err
		}
	}
	src, err := read(o.File)
	if err != nil {
		return nil, &Error{Msg: fmt.Sprintf("cannot read the experiment: %v", err)}
	}
	mod, err := ip.execModule(o.Module, filepath.ToSlash(o.File), src, true)
	if err != nil {
		return nil, err
	}
	filePos := Pos{File: filepath.ToSlash(o.File), Line: 1, Col: 1}
	cv, ok := mod.globals[o.Class]
	if !ok {
		return nil, &Error{Pos: filePos, Key: o.Class, Msg: fmt.Sprintf("no class %s in %s", o.Class, o.File)}
	}
	if e, ok := cv.(*errV); ok {
		return nil, e.err
	}
	cls, ok := cv.(*classV)
	if !ok {
		return nil, &Error{Pos: filePos, Key: o.Class, Msg: fmt.Sprintf("%s is a %s, not a class", o.Class, typeName(cv))}
	}
	if !cls.isEnv() {
		return nil, &Error{Pos: cls.origin, Key: o.Class, Msg: fmt.Sprintf("class %s is not an experiment (it does not derive from HasEnvironment)", o.Class)}
	}
	self := &instance{cls: cls, attrs: map[string]value{}, attrPos: map[string]Pos{}, origin: cls.origin}
	if _, err := ip.initInstance(self, []value{fz.managers}, nil, cls.origin); err != nil {
		return nil, err
	}
	prep, err := ip.getAttr(self, "prepare", cls.origin)
	if err != nil {
		return nil, err
	}
	if _, err := ip.call(prep, nil, nil, cls.origin); err != nil {
		return nil, err
	}
	m, err := ip.classLookup(cls, o.Method, 0, cls.origin)
	if err != nil {
		return nil, err
	}
	f, ok := m.(*funcV)
	if !ok {
		return nil, &Error{Pos: cls.origin, Key: o.Method, Msg: fmt.Sprintf("class %s has no method %s", o.Class, o.Method)}
	}
	if !f.hasDeco("kernel") {
		return nil, &Error{Pos: f.pos, Key: o.Method, Msg: fmt.Sprintf("the entry %s.%s is not a @kernel method", o.Class, o.Method),
			Hint: "name the kernel method to enter: FILE.py:Class.method"}
	}
	for _, name := range fz.argOrder {
		if !fz.requested[name] {
			return nil, &Error{Key: name, Msg: fmt.Sprintf("argument %s was given (--arg %s=%s) but the experiment does not ask for it",
				Quote(name), name, fz.args[name][0].text)}
		}
	}
	s := New()
	s.Entry = Entry{Object: "self", Method: o.Method, Origin: f.pos}
	for i, text := range o.EntryArgs {
		v, err := ip.parseLiteral(fmt.Sprintf("--entry-arg %d", i), []byte(text), false)
		if err != nil {
			return nil, err
		}
		cv, err := fz.convert(s, v, nil, fmt.Sprintf("entry argument %d", i), "", Pos{})
		if err != nil {
			return nil, err
		}
		s.Entry.Args = append(s.Entry.Args, cv)
	}
	if err := fz.walk(s, self); err != nil {
		return nil, err
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return s, nil
}

type givenArg struct {
	text  string
	index int
}

// freezer is the state of one Freeze: the device manager, datasets and
// arguments that the environment methods use.
type freezer struct {
	ip           *interp
	ddb          *DeviceDB
	datasets     map[string]value
	datasetsFile string
	local        map[string]value // set_dataset
	args         map[string][]givenArg
	argOrder     []string
	requested    map[string]bool
	devices      map[string]value // resolved device name -> driver instance or opaque value
	creating     map[string]bool
	dmgr         *opaqueV
	managers     *opaqueV

	queue []walkItem
	ids   map[*instance]string
}

func (c *classV) isEnv() bool {
	for _, k := range c.mro {
		if k.builtin && k.name == "HasEnvironment" {
			return true
		}
	}
	return false
}

// virtualDevices are provided by ARTIQ's device manager without a device_db entry.
var virtualDevices = map[string]bool{"scheduler": true, "ccb": true}

// getDevice returns the driver of a device (aliases followed), creating it
// on first use with its class's __init__(dmgr, **arguments).
func (fz *freezer) getDevice(name string, pos Pos) (value, error) {
	if _, _, ok := fz.ddb.lookup(name); !ok && virtualDevices[name] {
		return &opaqueV{desc: name}, nil
	}
	entry, resolved, epos, err := fz.ddb.resolve(name, pos)
	if err != nil {
		return nil, err
	}
	if d, ok := fz.devices[resolved]; ok {
		return d, nil
	}
	if fz.creating[resolved] {
		return nil, &Error{Pos: epos, Key: resolved, Msg: fmt.Sprintf("device %s needs itself (a cycle of devices)", Quote(resolved))}
	}
	fz.creating[resolved] = true
	defer delete(fz.creating, resolved)
	ip := fz.ip
	get := func(k string) (value, bool) {
		v, ok, _ := ip.dictGet(entry, k, epos)
		return v, ok
	}
	typ, _ := get("type")
	switch typ {
	case "local":
	case "controller":
		d := &opaqueV{desc: resolved}
		fz.devices[resolved] = d
		return d, nil
	default:
		r, _ := ip.repr(typ, epos)
		return nil, &Error{Pos: epos, Key: resolved, Msg: fmt.Sprintf("device %s has type %s; the snapshot evaluator knows \"local\" and \"controller\"", Quote(resolved), r)}
	}
	modName, _ := get("module")
	className, _ := get("class")
	mn, ok1 := modName.(string)
	cn, ok2 := className.(string)
	if !ok1 || !ok2 {
		return nil, &Error{Pos: epos, Key: resolved, Msg: fmt.Sprintf("device %s: a local device needs \"module\" and \"class\" strings", Quote(resolved))}
	}
	if !isDevName(resolved) {
		return nil, &Error{Pos: epos, Key: resolved, Msg: fmt.Sprintf("device name %s cannot name a snapshot object (want an identifier other than self)", Quote(resolved))}
	}
	kw := []kwArg{}
	if a, ok := get("arguments"); ok {
		ad, ok := a.(*dictV)
		if !ok {
			return nil, &Error{Pos: epos, Key: resolved, Msg: fmt.Sprintf("device %s: \"arguments\" must be a dict", Quote(resolved))}
		}
		for i, k := range ad.keys {
			kw = append(kw, kwArg{k.(string), ad.vals[i], ad.pos[i]})
		}
	}
	context := func(err error) error {
		return withNote(err, fmt.Sprintf("creating device %s (%s)", Quote(resolved), epos))
	}
	m, err := ip.loadModule(mn, epos)
	if err != nil {
		return nil, context(err)
	}
	if m.missing {
		return nil, &Error{Pos: epos, Key: resolved, Msg: fmt.Sprintf("device %s: module %s not found (searched %s)", Quote(resolved), mn, strings.Join(ip.paths, ", ")),
			Hint: "add the driver's import root with --path"}
	}
	cv, ok := m.globals[cn]
	if !ok {
		return nil, &Error{Pos: epos, Key: resolved, Msg: fmt.Sprintf("device %s: module %s has no class %s", Quote(resolved), mn, cn)}
	}
	if e, ok := cv.(*errV); ok {
		return nil, context(e.err)
	}
	cls, ok := cv.(*classV)
	if !ok {
		return nil, &Error{Pos: epos, Key: resolved, Msg: fmt.Sprintf("device %s: %s.%s is a %s, not a class", Quote(resolved), mn, cn, typeName(cv))}
	}
	o := &instance{cls: cls, attrs: map[string]value{}, attrPos: map[string]Pos{}, device: resolved, origin: epos}
	if _, err := ip.initInstance(o, []value{fz.dmgr}, kw, epos); err != nil {
		return nil, context(err)
	}
	fz.devices[resolved] = o
	return o, nil
}

func isDevName(s string) bool { return isIdent(s) && s != "self" }

// withNote appends a note to an error's message.
func withNote(err error, note string) error {
	var list ErrorList
	for _, e := range Errors(err) {
		c := *e
		if !strings.Contains(c.Msg, "(creating device") {
			c.Msg += " (" + note + ")"
		}
		list = append(list, &c)
	}
	if len(list) == 0 {
		return err
	}
	if len(list) == 1 {
		return list[0]
	}
	return list
}

func (fz *freezer) argument(key string, p *procV, pos Pos) (value, error) {
	ip := fz.ip
	given := fz.args[key]
	if len(given) > 1 {
		var all []string
		for _, g := range given {
			all = append(all, "--arg "+key+"="+g.text)
		}
		return nil, &Error{Pos: pos, Key: key, Msg: fmt.Sprintf("argument %s is given twice on the command line: %s", Quote(key), strings.Join(all, ", "))}
	}
	fz.requested[key] = true
	var raw value
	if len(given) == 1 {
		v, err := ip.parseLiteral("--arg "+key, []byte(given[0].text), true)
		stringish := p.kind == "StringValue" || p.kind == "EnumerationValue"
		if stringish {
			if _, isStr := v.(string); err != nil || !isStr {
				v, err = given[0].text, nil
			}
		}
		if err != nil {
			return nil, &Error{Pos: pos, Key: key, Msg: fmt.Sprintf("argument %s: --arg %s=%s is not a Python literal", Quote(key), key, given[0].text)}
		}
		raw = v
	} else if p.hasDefault {
		raw = p.def
	} else {
		return nil, &Error{Pos: pos, Key: key, Msg: fmt.Sprintf("argument %s has no default and is not given", Quote(key)),
			Hint: "give it with --arg " + key + "=VALUE"}
	}
	return ip.process(p, key, raw, pos)
}

func (fz *freezer) dataset(key string, def value, pos Pos) (value, error) {
	if v, ok := fz.local[key]; ok {
		return v, nil
	}
	if v, ok := fz.datasets[key]; ok {
		return v, nil
	}
	if !isAbsent(def) {
		return def, nil
	}
	where := "no --datasets file is given"
	if fz.datasetsFile != "" {
		where = "it is not in " + fz.datasetsFile
	}
	return nil, &Error{Pos: pos, Key: key, Msg: fmt.Sprintf("dataset %s has no default and %s", Quote(key), where)}
}

// ----------------------------------------------------------------------------
// Environment methods (HasEnvironment)

func envOf(ip *interp, self *instance, pos Pos) (*freezer, error) {
	if ip.fz == nil {
		return nil, ip.unsupported(pos, "an experiment environment here")
	}
	if self.env == nil {
		return nil, ip.errAt(pos, "the environment of %s is not set up (was HasEnvironment.__init__ called?)", self.cls.name)
	}
	return ip.fz, nil
}

// envState marks an instance whose environment is set up
// (HasEnvironment.__init__ ran); every environment of one Freeze uses the
// freezer's device manager, datasets and arguments.
type envState struct{}

func envInit(ip *interp, self *instance, args []value, kw []kwArg, pos Pos) (value, error) {
	if len(args) == 0 {
		return nil, ip.errAt(pos, "TypeError: %s() needs the managers or a parent", self.cls.name)
	}
	switch p := args[0].(type) {
	case *opaqueV:
		if p.desc != "managers" {
			return nil, ip.errAt(pos, "TypeError: %s() needs the managers or a parent", self.cls.name)
		}
	case *instance:
		if p.env == nil {
			return nil, ip.errAt(pos, "TypeError: the parent of %s is not an experiment environment", self.cls.name)
		}
	default:
		return nil, ip.errAt(pos, "TypeError: %s() needs the managers or a parent", self.cls.name)
	}
	self.env = &envState{}
	b, err := ip.getAttr(self, "build", pos)
	if err != nil {
		return nil, err
	}
	if _, err := ip.call(b, args[1:], kw, pos); err != nil {
		return nil, err
	}
	return noneV, nil
}

func strArg1(ip *interp, name string, args []value, kw []kwArg, pos Pos, params ...argSpec) ([]value, string, error) {
	a, err := ip.getArgs(name, args, kw, pos, params...)
	if err != nil {
		return nil, "", err
	}
	key, ok := a[0].(string)
	if !ok {
		return nil, "", ip.errAt(pos, "TypeError: %s() key must be a str, not %s", name, typeName(a[0]))
	}
	return a, key, nil
}

func envSetattrDevice(ip *interp, self *instance, args []value, kw []kwArg, pos Pos) (value, error) {
	fz, err := envOf(ip, self, pos)
	if err != nil {
		return nil, err
	}
	_, key, err := strArg1(ip, "setattr_device", args, kw, pos, req("key"))
	if err != nil {
		return nil, err
	}
	d, err := fz.getDevice(key, pos)
	if err != nil {
		return nil, err
	}
	return noneV, ip.setAttr(self, key, d, pos, pos)
}

func envGetDevice(ip *interp, self *instance, args []value, kw []kwArg, pos Pos) (value, error) {
	fz, err := envOf(ip, self, pos)
	if err != nil {
		return nil, err
	}
	_, key, err := strArg1(ip, "get_device", args, kw, pos, req("key"))
	if err != nil {
		return nil, err
	}
	return fz.getDevice(key, pos)
}

func envGetDeviceDB(ip *interp, self *instance, args []value, kw []kwArg, pos Pos) (value, error) {
	fz, err := envOf(ip, self, pos)
	if err != nil {
		return nil, err
	}
	if fz.ddb == nil {
		return newDict(), nil
	}
	return fz.ddb.dict, nil
}

func argParams() []argSpec {
	return []argSpec{req("key"), req("processor"), opt("group", noneV), opt("tooltip", noneV)}
}

func envArgument(ip *interp, self *instance, name string, args []value, kw []kwArg, pos Pos) (string, value, error) {
	fz, err := envOf(ip, self, pos)
	if err != nil {
		return "", nil, err
	}
	a, key, err := strArg1(ip, name, args, kw, pos, argParams()...)
	if err != nil {
		return "", nil, err
	}
	p, ok := a[1].(*procV)
	if !ok {
		return "", nil, ip.unsupported(pos, "the argument processor %s (the evaluator knows NumberValue, BooleanValue, StringValue, EnumerationValue and PYONValue)", typeName(a[1]))
	}
	v, err := fz.argument(key, p, pos)
	return key, v, err
}

func envSetattrArgument(ip *interp, self *instance, args []value, kw []kwArg, pos Pos) (value, error) {
	key, v, err := envArgument(ip, self, "setattr_argument", args, kw, pos)
	if err != nil {
		return nil, err
	}
	return noneV, ip.setAttr(self, key, v, pos, pos)
}

func envGetArgument(ip *interp, self *instance, args []value, kw []kwArg, pos Pos) (value, error) {
	_, v, err := envArgument(ip, self, "get_argument", args, kw, pos)
	return v, err
}

func envSetattrDataset(ip *interp, self *instance, args []value, kw []kwArg, pos Pos) (value, error) {
	fz, err := envOf(ip, self, pos)
	if err != nil {
		return nil, err
	}
	a, key, err := strArg1(ip, "setattr_dataset", args, kw, pos, req("key"), opt("default", absent), opt("archive", true))
	if err != nil {
		return nil, err
	}
	v, err := fz.dataset(key, a[1], pos)
	if err != nil {
		return nil, err
	}
	return noneV, ip.setAttr(self, key, v, pos, pos)
}

func envGetDataset(ip *interp, self *instance, args []value, kw []kwArg, pos Pos) (value, error) {
	fz, err := envOf(ip, self, pos)
	if err != nil {
		return nil, err
	}
	a, key, err := strArg1(ip, "get_dataset", args, kw, pos, req("key"), opt("default", absent), opt("archive", true))
	if err != nil {
		return nil, err
	}
	return fz.dataset(key, a[1], pos)
}

func envSetDataset(ip *interp, self *instance, args []value, kw []kwArg, pos Pos) (value, error) {
	fz, err := envOf(ip, self, pos)
	if err != nil {
		return nil, err
	}
	if len(args) < 2 {
		return nil, ip.errAt(pos, "TypeError: set_dataset(key, value, ...) needs a key and a value")
	}
	key, ok := args[0].(string)
	if !ok {
		return nil, ip.errAt(pos, "TypeError: set_dataset() key must be a str")
	}
	fz.local[key] = args[1]
	return noneV, nil
}

// initInstance runs the __init__ of o's class on o.
func (ip *interp) initInstance(o *instance, args []value, kw []kwArg, pos Pos) (value, error) {
	init, err := ip.classLookup(o.cls, "__init__", 0, pos)
	if err != nil {
		return nil, err
	}
	switch f := init.(type) {
	case nil:
		if len(args) > 0 || len(kw) > 0 {
			return nil, ip.errAt(pos, "TypeError: %s() takes no arguments", o.cls.name)
		}
	case *funcV:
		if _, err := ip.callFunc(f, append([]value{o}, args...), kw, pos); err != nil {
			return nil, err
		}
	case nativeMethod:
		if _, err := f(ip, o, args, kw, pos); err != nil {
			return nil, err
		}
	default:
		return nil, ip.unsupported(pos, "%s.__init__ of type %s", o.cls.name, typeName(f))
	}
	return o, nil
}

// ----------------------------------------------------------------------------
// From evaluated objects to the snapshot

type walkItem struct {
	o    *instance
	path string // the first path from self that reached it
}

// isKernelClass reports whether instances of c are kernel objects (get an
// object of their own in the snapshot): c or one of its bases defines a
// function decorated @kernel, @portable or @rpc, kernel_invariants, or a
// KernelInvariant[...]/Kernel[...] annotation.
func isKernelClass(c *classV) bool {
	for _, k := range c.mro {
		if k.builtin {
			continue
		}
		if _, ok := k.ns["kernel_invariants"]; ok {
			return true
		}
		for _, v := range k.ns {
			if f, ok := v.(*funcV); ok && f.hasDeco("kernel", "portable", "rpc") {
				return true
			}
		}
		for _, a := range k.ann {
			if _, kernel := kernelAnnotation(a.Annotation); kernel {
				return true
			}
		}
	}
	return false
}

// kernelAnnotation recognizes KernelInvariant[T] and Kernel[T]: it returns
// T's expression and true.
func kernelAnnotation(e syntax.Expr) (syntax.Expr, bool) {
	s, ok := e.(*syntax.Subscript)
	if !ok {
		return nil, false
	}
	switch n := decoratorName(s.X); n {
	case "KernelInvariant", "Kernel":
		return s.Index, true
	}
	return nil, false
}

// skipAttr reports whether an attribute name stays out of the snapshot:
// kernel_invariants itself, dunder names, name-mangled private names
// (_Class__name) and names that are not identifiers.
func skipAttr(n string) bool {
	if n == "kernel_invariants" || !isIdent(n) {
		return true
	}
	if strings.HasPrefix(n, "__") && strings.HasSuffix(n, "__") {
		return true
	}
	return strings.HasPrefix(n, "_") && strings.Contains(n[1:], "__")
}

// attrsOf returns the attributes of o that go into the snapshot: its own,
// and the data attributes of its (non-built-in) classes, with positions.
func (fz *freezer) attrsOf(o *instance) (map[string]value, map[string]Pos) {
	vals := map[string]value{}
	poss := map[string]Pos{}
	for i := len(o.cls.mro) - 1; i >= 0; i-- {
		k := o.cls.mro[i]
		if k.builtin {
			continue
		}
		for n, v := range k.ns {
			switch v.(type) {
			case *funcV, *classV, *builtinV, *moduleV, *errV:
				continue
			}
			if skipAttr(n) {
				continue
			}
			vals[n], poss[n] = v, k.nsPos[n]
		}
	}
	for n, v := range o.attrs {
		if skipAttr(n) {
			continue
		}
		vals[n], poss[n] = v, o.attrPos[n]
	}
	return vals, poss
}

// invariantsOf returns the names o declares kernel-invariant:
// kernel_invariants (instance or class) and KernelInvariant annotations,
// with the annotated types of annotated attributes.
func (fz *freezer) invariantsOf(o *instance) (map[string]bool, map[string]*Type, map[string]Pos, error) {
	ip := fz.ip
	inv := map[string]bool{}
	types := map[string]*Type{}
	annPos := map[string]Pos{}
	v, err := ip.getAttr(o, "kernel_invariants", o.origin)
	if err == nil {
		var items []value
		switch s := v.(type) {
		case *setV:
			items = s.items
		case *listV:
			items = s.elems
		case *tupleV:
			items = s.elems
		default:
			return nil, nil, nil, &Error{Pos: o.attrPos["kernel_invariants"], Key: "kernel_invariants",
				Msg: fmt.Sprintf("kernel_invariants of %s is a %s, not a set of attribute names", o.cls.name, typeName(v))}
		}
		for _, it := range items {
			n, ok := it.(string)
			if !ok {
				return nil, nil, nil, &Error{Pos: o.origin, Key: "kernel_invariants", Msg: fmt.Sprintf("kernel_invariants of %s holds a %s, not an attribute name", o.cls.name, typeName(it))}
			}
			inv[n] = true
		}
	} else if !isAttributeError(err) {
		return nil, nil, nil, err
	}
	for i := len(o.cls.mro) - 1; i >= 0; i-- {
		k := o.cls.mro[i]
		for n, a := range k.ann {
			te, ok := kernelAnnotation(a.Annotation)
			if !ok {
				continue
			}
			if decoratorName(a.Annotation.(*syntax.Subscript).X) == "KernelInvariant" {
				inv[n] = true
			}
			pos := posOf(k.annFile, a.Annotation.Pos())
			t, err := fz.annotationType(k, te, pos)
			if err != nil {
				return nil, nil, nil, err
			}
			types[n] = &t
			annPos[n] = pos
		}
	}
	return inv, types, annPos, nil
}

// annotationType reads the type in KernelInvariant[T] / Kernel[T].
func (fz *freezer) annotationType(c *classV, e syntax.Expr, pos Pos) (Type, error) {
	bad := func() (Type, error) {
		return Type{}, &Error{Pos: pos, Msg: "unsupported kernel annotation " + describeLiteral(e), Hint: exporterHint}
	}
	switch x := e.(type) {
	case *syntax.Constant:
		if x.Value == "None" {
			return TNone, nil
		}
	case *syntax.Name, *syntax.Attribute:
		switch decoratorName(x) {
		case "int32", "TInt32":
			return TInt32, nil
		case "int64", "TInt64":
			return TInt64, nil
		case "float", "TFloat", "float64":
			return TFloat, nil
		case "bool", "TBool":
			return TBool, nil
		case "str", "TStr":
			return TStr, nil
		case "TNone":
			return TNone, nil
		}
		if n, ok := x.(*syntax.Name); ok {
			if m := fz.ip.modules[c.module]; m != nil {
				if k, ok := m.globals[n.Value].(*classV); ok {
					return TRef(k.qualName()), nil
				}
			}
		}
	case *syntax.Subscript:
		switch decoratorName(x.X) {
		case "list", "List":
			t, err := fz.annotationType(c, x.Index, pos)
			return TList(t), err
		case "tuple", "Tuple":
			var elts []syntax.Expr
			if tt, ok := x.Index.(*syntax.Tuple); ok {
				elts = tt.Elts
			} else {
				elts = []syntax.Expr{x.Index}
			}
			var ts []Type
			for _, el := range elts {
				t, err := fz.annotationType(c, el, pos)
				if err != nil {
					return t, err
				}
				ts = append(ts, t)
			}
			return TTuple(ts...), nil
		}
	case *syntax.Call:
		switch decoratorName(x.Fun) {
		case "TList":
			if len(x.Args) == 1 {
				t, err := fz.annotationType(c, x.Args[0], pos)
				return TList(t), err
			}
		case "TTuple":
			if len(x.Args) == 1 {
				if l, ok := x.Args[0].(*syntax.List); ok {
					var ts []Type
					for _, el := range l.Elts {
						t, err := fz.annotationType(c, el, pos)
						if err != nil {
							return t, err
						}
						ts = append(ts, t)
					}
					return TTuple(ts...), nil
				}
			}
		case "TArray":
			if len(x.Args) >= 1 {
				t, err := fz.annotationType(c, x.Args[0], pos)
				if err != nil {
					return t, err
				}
				n := 1
				if len(x.Args) == 2 {
					if il, ok := x.Args[1].(*syntax.IntLit); ok {
						n, _ = strconv.Atoi(il.Text)
					}
				}
				switch t.Kind {
				case KindBool, KindInt32, KindInt64, KindFloat:
					return TArray(t.Kind, n), nil
				}
			}
		}
	}
	return bad()
}

// walk converts the objects reachable from self, breadth first: each
// object's attributes in name order, list and tuple elements in order.
func (fz *freezer) walk(s *Snapshot, self *instance) error {
	fz.ids = map[*instance]string{self: "self"}
	fz.queue = []walkItem{{self, "self"}}
	for len(fz.queue) > 0 {
		it := fz.queue[0]
		fz.queue = fz.queue[1:]
		id := fz.ids[it.o]
		obj := s.AddObject(id, it.o.cls.qualName(), it.o.origin)
		vals, poss := fz.attrsOf(it.o)
		inv, types, annPos, err := fz.invariantsOf(it.o)
		if err != nil {
			return err
		}
		for _, n := range sortedKeys(vals) {
			key := id + "." + n
			v, err := fz.convert(s, vals[n], types[n], key, it.path+"."+n, poss[n])
			if err != nil {
				return err
			}
			if t := types[n]; t != nil {
				u, ok := Unify(v.Type, *t)
				if !ok {
					return &Error{Pos: poss[n], Key: key, Msg: fmt.Sprintf("attribute %s: a value of type %s does not match its annotation %s (%s)",
						key, v.Type, t, annPos[n])}
				}
				retype(&v, u)
			}
			obj.Set(n, v, inv[n], poss[n])
		}
	}
	return nil
}

// convert turns an evaluated value into a snapshot value; want is the
// annotated type (nil if none). Kernel objects are queued for walk.
func (fz *freezer) convert(s *Snapshot, v value, want *Type, key, path string, pos Pos) (Value, error) {
	ip := fz.ip
	if err := ip.step(pos); err != nil {
		return Value{}, err
	}
	elemWant := func() *Type {
		if want != nil && (want.Kind == KindList) && want.Elem != nil {
			return want.Elem
		}
		return nil
	}
	switch x := v.(type) {
	case noneT:
		return NoneValue(), nil
	case bool:
		return BoolValue(x), nil
	case intV:
		switch {
		case x.np == np64 || x.np == pyInt && want != nil && want.Kind == KindInt64:
			return Int64Value(x.v), nil
		}
		return Value{Type: TInt32, Int: x.v}, nil
	case float64:
		return FloatValue(x), nil
	case string:
		return StrValue(x), nil
	case *listV, *tupleV:
		var elems []value
		tuple := false
		if l, ok := x.(*listV); ok {
			elems = l.elems
		} else {
			elems, tuple = x.(*tupleV).elems, true
		}
		out := make([]Value, len(elems))
		for i, e := range elems {
			ew := elemWant()
			if tuple && want != nil && want.Kind == KindTuple && i < len(want.Elems) {
				ew = &want.Elems[i]
			}
			cv, err := fz.convert(s, e, ew, fmt.Sprintf("%s[%d]", key, i), fmt.Sprintf("%s[%d]", path, i), pos)
			if err != nil {
				return Value{}, err
			}
			out[i] = cv
		}
		if tuple {
			return TupleValue(out), nil
		}
		elem := TUnknown
		for _, e := range out {
			u, ok := Unify(elem, e.Type)
			if !ok {
				return OpaqueValue("list"), nil
			}
			elem = u
		}
		for i := range out {
			retype(&out[i], elem)
		}
		return ListValue(elem, out), nil
	case *arrayV:
		a := &Array{Elem: x.elem, Shape: append([]int{}, x.shape...)}
		if x.elem == KindFloat {
			a.Floats = append([]float64{}, x.floats...)
		} else {
			a.Ints = append([]int64{}, x.ints...)
		}
		return ArrayValue(a), nil
	case *instance:
		if x.device != "" {
			if !isKernelClass(x.cls) {
				return OpaqueValue(x.device), nil
			}
			return RefValue(x.cls.qualName(), fz.ref(x, x.device, path)), nil
		}
		if _, ok := fz.ids[x]; !ok && !isKernelClass(x.cls) {
			return OpaqueValue(x.cls.qualName()), nil
		}
		return RefValue(x.cls.qualName(), fz.ref(x, path, path)), nil
	case *opaqueV:
		return OpaqueValue(x.desc), nil
	case *errV:
		// A host-only value that host code stored (docs/snapshot.md).
		desc := x.desc
		if desc == "" {
			desc = "host value"
		}
		return OpaqueValue(desc), nil
	}
	return OpaqueValue(typeName(v)), nil
}

// ref returns the id of a kernel object, queueing it when first seen.
func (fz *freezer) ref(o *instance, id, path string) string {
	if have, ok := fz.ids[o]; ok {
		return have
	}
	fz.ids[o] = id
	fz.queue = append(fz.queue, walkItem{o, path})
	return id
}

// retype gives an element (and its empty sub-lists) the unified element type.
func retype(v *Value, t Type) {
	if t.Kind == KindList && v.Type.Kind == KindList {
		v.Type = t
		if t.Elem != nil {
			for i := range v.Elems {
				retype(&v.Elems[i], *t.Elem)
			}
		}
	}
	if t.Kind == KindTuple && v.Type.Kind == KindTuple && len(t.Elems) == len(v.Elems) {
		v.Type = t
		for i := range v.Elems {
			retype(&v.Elems[i], t.Elems[i])
		}
	}
}
