// Package snapshot holds frozen host values: the experiment object an
// entry point reaches, the device drivers built from the lab's device_db.py,
// datasets and arguments, each object with its class and its typed
// attributes, and which attributes are kernel invariants.
//
// The snapshot file is canonical text (see docs/snapshot.md): the same
// values always give the same bytes. It is made by `kernelc snapshot`,
// which evaluates device_db.py and the experiment's build() with a small
// evaluator (Freeze), or by the Python exporter in python/rules_artiq_snapshot
// from a live experiment. The compiler reads it (Read), looks values up by
// path, and the build cuts one slice per kernel module (Slice) holding only
// what that module's code depends on.
package snapshot

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Version is the format version written in the header line.
const Version = 1

// Pos is a position in a source file (1-based line and column); it is kept
// for diagnostics and never encoded.
type Pos struct {
	File      string
	Line, Col int
}

func (p Pos) String() string {
	if p.File == "" {
		return "command line"
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Snapshot is a set of host objects and the kernel entry point that reaches them.
type Snapshot struct {
	Entry   Entry
	Objects map[string]*Object // by id
}

// Entry is the kernel entry point: a method of one object, and its arguments.
type Entry struct {
	Object string // object id, normally "self"
	Method string
	Args   []Value
	Origin Pos
}

// Object is one host object. Its id is "self" for the experiment, the
// device name for a device driver (after aliases), and otherwise the first
// path from the experiment that reaches it ("self.sub", "self.objs[0]").
type Object struct {
	ID     string
	Class  string // kernel module path + "." + class name
	Attrs  map[string]*Attr
	Origin Pos
}

// Attr is one attribute of an object.
type Attr struct {
	Name      string
	Value     Value
	Invariant bool // a kernel invariant (kernel_invariants or KernelInvariant[T])
	Origin    Pos  // where it was set
}

// New returns an empty snapshot.
func New() *Snapshot { return &Snapshot{Objects: map[string]*Object{}} }

// AddObject adds an object (replacing one with the same id) and returns it.
func (s *Snapshot) AddObject(id, class string, origin Pos) *Object {
	o := &Object{ID: id, Class: class, Attrs: map[string]*Attr{}, Origin: origin}
	s.Objects[id] = o
	return o
}

// Set sets an attribute of o.
func (o *Object) Set(name string, v Value, invariant bool, origin Pos) *Attr {
	a := &Attr{Name: name, Value: v, Invariant: invariant, Origin: origin}
	o.Attrs[name] = a
	return a
}

// Object returns the object with the given id, or nil.
func (s *Snapshot) Object(id string) *Object { return s.Objects[id] }

// Attr returns o's attribute name, or nil.
func (o *Object) Attr(name string) *Attr { return o.Attrs[name] }

// AttrNames returns o's attribute names, sorted.
func (o *Object) AttrNames() []string {
	names := make([]string, 0, len(o.Attrs))
	for n := range o.Attrs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Invariants returns the names of o's kernel-invariant attributes, sorted.
func (o *Object) Invariants() []string {
	var names []string
	for _, n := range o.AttrNames() {
		if o.Attrs[n].Invariant {
			names = append(names, n)
		}
	}
	return names
}

// ObjectIDs returns the ids of all objects, sorted.
func (s *Snapshot) ObjectIDs() []string {
	ids := make([]string, 0, len(s.Objects))
	for id := range s.Objects {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// pathStep is one step of a path: an attribute name or a list index.
type pathStep struct {
	name  string
	index int // when name == ""
}

// splitPath splits "self.ttls[0].channel" into its root and steps.
func splitPath(path string) (string, []pathStep, error) {
	if scanObjectID(path) != len(path) {
		return "", nil, fmt.Errorf("bad path %q", path)
	}
	n := identLen(path)
	root := path[:n]
	var steps []pathStep
	for i := n; i < len(path); {
		if path[i] == '.' {
			m := identLen(path[i+1:])
			steps = append(steps, pathStep{name: path[i+1 : i+1+m]})
			i += 1 + m
			continue
		}
		j := strings.IndexByte(path[i:], ']') + i
		idx, _ := strconv.Atoi(path[i+1 : j])
		steps = append(steps, pathStep{index: idx})
		i = j + 1
	}
	return root, steps, nil
}

// Lookup returns the value a path names, starting at an object id and
// following attributes, references and list/tuple indices:
// "self.ttl0.channel", "self.ttls[1]", "core.ref_period". A path that ends
// at an object gives a reference to it.
func (s *Snapshot) Lookup(path string) (Value, error) {
	_, _, v, err := s.resolve(path)
	return v, err
}

// LookupAttr returns the object and attribute that a path ending in an
// attribute names: "self.ttl0.channel" gives (ttl0, channel).
func (s *Snapshot) LookupAttr(path string) (*Object, *Attr, error) {
	o, a, _, err := s.resolve(path)
	if err == nil && a == nil {
		err = fmt.Errorf("path %q names an object or an element, not an attribute", path)
	}
	return o, a, err
}

func (s *Snapshot) resolve(path string) (*Object, *Attr, Value, error) {
	root, steps, err := splitPath(path)
	if err != nil {
		return nil, nil, Value{}, err
	}
	o := s.Objects[root]
	if o == nil {
		return nil, nil, Value{}, fmt.Errorf("%s: no object %q in the snapshot", path, root)
	}
	cur := RefValue(o.Class, o.ID)
	var lastObj *Object
	var lastAttr *Attr
	done := root
	for _, st := range steps {
		if st.name != "" {
			if cur.Type.Kind != KindRef {
				return nil, nil, Value{}, fmt.Errorf("%s: %s is a %s, not an object", path, done, cur.Type)
			}
			obj := s.Objects[cur.Ref]
			if obj == nil {
				return nil, nil, Value{}, fmt.Errorf("%s: no object %q in the snapshot", path, cur.Ref)
			}
			a := obj.Attrs[st.name]
			if a == nil {
				return nil, nil, Value{}, fmt.Errorf("%s: object %s (%s) has no attribute %q", path, obj.ID, obj.Class, st.name)
			}
			lastObj, lastAttr, cur = obj, a, a.Value
			done += "." + st.name
			continue
		}
		if cur.Type.Kind != KindList && cur.Type.Kind != KindTuple {
			return nil, nil, Value{}, fmt.Errorf("%s: %s is a %s, not a list or tuple", path, done, cur.Type)
		}
		if st.index >= len(cur.Elems) {
			return nil, nil, Value{}, fmt.Errorf("%s: index %d out of range (%s has %d elements)", path, st.index, done, len(cur.Elems))
		}
		cur = cur.Elems[st.index]
		lastObj, lastAttr = nil, nil
		done += "[" + strconv.Itoa(st.index) + "]"
	}
	return lastObj, lastAttr, cur, nil
}

// Class describes all instances of one class in a snapshot.
type Class struct {
	Name       string          // module path + "." + class name
	Objects    []string        // ids of its instances, sorted
	Attrs      map[string]Type // attribute types, unified over the instances that have them
	Invariants []string        // attributes that are kernel invariants in every instance, sorted
}

// Classes returns the classes of the snapshot's objects, sorted by name.
// It assumes the snapshot is valid (see Validate): attribute types agree
// between instances.
func (s *Snapshot) Classes() []*Class {
	byName := map[string]*Class{}
	for _, id := range s.ObjectIDs() {
		o := s.Objects[id]
		c := byName[o.Class]
		if c == nil {
			c = &Class{Name: o.Class, Attrs: map[string]Type{}}
			byName[o.Class] = c
		}
		c.Objects = append(c.Objects, id)
		for n, a := range o.Attrs {
			if t, ok := c.Attrs[n]; ok {
				if u, ok := Unify(t, a.Value.Type); ok {
					c.Attrs[n] = u
				}
			} else {
				c.Attrs[n] = a.Value.Type
			}
		}
	}
	var out []*Class
	for _, c := range byName {
		for _, n := range sortedKeys(c.Attrs) {
			all := true
			for _, id := range c.Objects {
				a := s.Objects[id].Attrs[n]
				if a == nil || !a.Invariant {
					all = false
					break
				}
			}
			if all {
				c.Invariants = append(c.Invariants, n)
			}
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Class returns the class with the given name, or nil.
func (s *Snapshot) Class(name string) *Class {
	for _, c := range s.Classes() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// ----------------------------------------------------------------------------
// Validation

// Validate checks the rules every snapshot keeps, whoever wrote it:
// object ids and class names are well-formed; the entry object exists;
// every reference names an object of the referenced class; every instance
// of a class gives each attribute the same type; int32 values fit; and no
// timing is NaN or infinite (see IsTimingName). The errors name the
// attribute and the position where it was set.
func (s *Snapshot) Validate() error {
	var errs ErrorList
	if s.Entry.Object == "" || s.Objects[s.Entry.Object] == nil {
		errs.add(s.Entry.Origin, "", "entry object %q is not in the snapshot", s.Entry.Object)
	}
	if !isIdent(s.Entry.Method) {
		errs.add(s.Entry.Origin, "", "bad entry method name %q", s.Entry.Method)
	}
	for i, v := range s.Entry.Args {
		s.checkValue(&errs, s.Entry.Origin, fmt.Sprintf("entry argument %d", i), "", v)
	}
	type seen struct {
		obj  *Object
		attr *Attr
	}
	first := map[string]map[string]seen{} // class -> attr -> first instance
	for _, id := range s.ObjectIDs() {
		o := s.Objects[id]
		if !isObjectID(id) || (strings.ContainsAny(id, ".[") && !strings.HasPrefix(id, "self")) {
			errs.add(o.Origin, "", "bad object id %q", id)
		}
		if !isClassName(o.Class) || !strings.Contains(o.Class, ".") {
			errs.add(o.Origin, "", "object %s: bad class name %q (want module path + \".\" + class name)", id, o.Class)
		}
		if first[o.Class] == nil {
			first[o.Class] = map[string]seen{}
		}
		for _, n := range o.AttrNames() {
			a := o.Attrs[n]
			key := id + "." + n
			if !isIdent(n) {
				errs.add(a.Origin, key, "bad attribute name %q", n)
			}
			s.checkValue(&errs, a.Origin, key, n, a.Value)
			if f, ok := first[o.Class][n]; ok {
				if _, ok := Unify(f.attr.Value.Type, a.Value.Type); !ok {
					// Instances built elsewhere (devices from device_db.py)
					// differ by where they were made, not by the code that
					// set the attribute: point there.
					at := a.Origin
					if o.Origin.File != "" && o.Origin.File != a.Origin.File {
						at = o.Origin
					}
					errs.addHint(at, key,
						"every instance of a class must give an attribute the same type",
						"attribute %s has type %s, but %s.%s of the same class %s has type %s",
						key, a.Value.Type, f.obj.ID, n, o.Class, f.attr.Value.Type)
				}
			} else {
				first[o.Class][n] = seen{o, a}
			}
		}
	}
	errs.Sort()
	return errs.Err()
}

func (s *Snapshot) checkValue(errs *ErrorList, pos Pos, key, name string, v Value) {
	switch v.Type.Kind {
	case KindInt32:
		if v.Int < math.MinInt32 || v.Int > math.MaxInt32 {
			errs.addHint(pos, key, "use int64(...) or annotate it KernelInvariant[int64]", "%s: %d does not fit int32", key, v.Int)
		}
	case KindFloat:
		if IsTimingName(name) && (math.IsNaN(v.Float) || math.IsInf(v.Float, 0)) {
			errs.addHint(pos, key, "a name with a time word (t, time, duration, delay, period, timeout, wait, s, ms, us, ns, ps, mu) marks a timing; see docs/snapshot.md",
				"%s: %s is not a valid timing", key, FormatFloat(v.Float))
		}
	case KindRef:
		o := s.Objects[v.Ref]
		if o == nil {
			errs.add(pos, key, "%s: reference to %q, which is not in the snapshot", key, v.Ref)
		} else if o.Class != v.Type.Class {
			errs.add(pos, key, "%s: reference to %s of class %s, but the type says %s", key, v.Ref, o.Class, v.Type.Class)
		}
	case KindList, KindTuple:
		for i, e := range v.Elems {
			s.checkValue(errs, pos, key+"["+strconv.Itoa(i)+"]", name, e)
			if v.Type.Kind == KindList && v.Type.Elem != nil && !e.Type.Equal(*v.Type.Elem) {
				errs.add(pos, key, "%s[%d]: element of type %s in a %s", key, i, e.Type, v.Type)
			}
		}
	case KindArray:
		a := v.Array
		if a == nil {
			errs.add(pos, key, "%s: array without data", key)
			return
		}
		n := 1
		for _, d := range a.Shape {
			n *= d
		}
		if n != a.Len() {
			errs.add(pos, key, "%s: array of shape %v has %d elements", key, a.Shape, a.Len())
		}
		if a.Elem == KindFloat && IsTimingName(name) {
			for i, f := range a.Floats {
				if math.IsNaN(f) || math.IsInf(f, 0) {
					errs.add(pos, key, "%s: element %d is %s, not a valid timing", key, i, FormatFloat(f))
					break
				}
			}
		}
		if a.Elem == KindInt32 {
			for i, x := range a.Ints {
				if x < math.MinInt32 || x > math.MaxInt32 {
					errs.add(pos, key, "%s: element %d (%d) does not fit int32", key, i, x)
					break
				}
			}
		}
	}
}

// timeWords are the words of an attribute name that mark it as a timing.
var timeWords = map[string]bool{
	"t": true, "dt": true, "time": true, "duration": true, "delay": true, "period": true,
	"timeout": true, "wait": true, "s": true, "ms": true, "us": true, "ns": true, "ps": true, "mu": true,
}

// IsTimingName reports whether an attribute name marks a timing: one of its
// lowercase words (split at "_") is a time word (t, dt, time, duration,
// delay, period, timeout, wait), a time unit (s, ms, us, ns, ps, mu), or
// "t" followed by digits (t0, t1). A float timing must not be NaN or
// infinite.
func IsTimingName(name string) bool {
	for _, w := range strings.Split(strings.ToLower(name), "_") {
		if timeWords[w] {
			return true
		}
		if len(w) > 1 && w[0] == 't' && strings.Trim(w[1:], "0123456789") == "" {
			return true
		}
	}
	return false
}
