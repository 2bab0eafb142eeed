package snapshot

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
)

const sliceHeader = "artiq-snapshot-slice 1"

// AttrRef names one attribute that a kernel module's code reads: of one
// object (Object set: "self", "ttl0", "self.sub") or of every instance of a
// class (Class set: module path + "." + class name) when the code reads it
// through a method of that class.
type AttrRef struct {
	Object string
	Class  string
	Attr   string
	// Fold: the module folds the value into its code. The attribute must
	// be a kernel invariant (for a class: in every instance, with the
	// same value in all of them). Otherwise only its type is recorded.
	Fold bool
}

func (r AttrRef) key() string {
	if r.Class != "" {
		return r.Class + "." + r.Attr
	}
	return r.Object + "." + r.Attr
}

// SliceAttr is one attribute of a slice.
type SliceAttr struct {
	Type      Type
	Invariant bool
	Folded    bool
	Value     Value // when Folded
}

// SliceFile is a decoded slice: what one module's compile may know of the snapshot.
type SliceFile struct {
	Module     string
	Objects    map[string]string     // object id -> class, for every object named in Attrs
	Attrs      map[string]*SliceAttr // "object.attr"
	ClassAttrs map[string]*SliceAttr // "module.Class.attr"
	// Layouts are the classes whose class-attr lines list every
	// attribute (the class's complete layout, for the compiler's host
	// classes); Singletons map a class to its only instance, the entry
	// object. Both are structure, set by the compiler's uses pass.
	Layouts    []string
	Singletons map[string]string
}

// Attr returns the slice's record of an object's attribute, or nil.
func (f *SliceFile) Attr(object, attr string) *SliceAttr { return f.Attrs[object+"."+attr] }

// ClassAttr returns the slice's record of a class's attribute, or nil.
func (f *SliceFile) ClassAttr(class, attr string) *SliceAttr {
	return f.ClassAttrs[class+"."+attr]
}

// Slice returns the canonical slice of s for one kernel module: the
// classes of the objects it names, the types of the attributes it reads,
// and the values of the invariants it folds, and nothing else, so that a
// change of any other value leaves the slice byte-identical. used may be
// in any order and may repeat an attribute (a fold wins over a read).
func Slice(s *Snapshot, module string, used []AttrRef) ([]byte, error) {
	var errs ErrorList
	merged := map[string]AttrRef{}
	for _, r := range used {
		if (r.Object == "") == (r.Class == "") || !isIdent(r.Attr) {
			errs.add(Pos{}, r.key(), "bad attribute reference %+v: set exactly one of Object and Class, and Attr", r)
			continue
		}
		k := r.key()
		if old, ok := merged[k]; ok && old.Fold {
			r.Fold = true
		}
		merged[k] = r
	}
	objects := map[string]string{}
	attrs := map[string]*SliceAttr{}
	classAttrs := map[string]*SliceAttr{}
	var classes map[string]*Class
	for _, k := range sortedKeys(merged) {
		r := merged[k]
		if r.Object != "" {
			o := s.Objects[r.Object]
			if o == nil {
				errs.add(Pos{}, k, "%s: no object %q in the snapshot", k, r.Object)
				continue
			}
			a := o.Attrs[r.Attr]
			if a == nil {
				errs.add(o.Origin, k, "%s: object %s (%s) has no attribute %q", k, o.ID, o.Class, r.Attr)
				continue
			}
			if r.Fold && !a.Invariant {
				errs.add(a.Origin, k, "%s: cannot fold an attribute that is not a kernel invariant", k)
				continue
			}
			objects[o.ID] = o.Class
			attrs[k] = &SliceAttr{Type: a.Value.Type, Invariant: a.Invariant, Folded: r.Fold, Value: a.Value}
			continue
		}
		if classes == nil {
			classes = map[string]*Class{}
			for _, c := range s.Classes() {
				classes[c.Name] = c
			}
		}
		c := classes[r.Class]
		if c == nil {
			errs.add(Pos{}, k, "%s: no object of class %s in the snapshot", k, r.Class)
			continue
		}
		t, ok := c.Attrs[r.Attr]
		if !ok {
			errs.add(Pos{}, k, "%s: no instance of %s has an attribute %q", k, r.Class, r.Attr)
			continue
		}
		inv := false
		for _, n := range c.Invariants {
			inv = inv || n == r.Attr
		}
		sa := &SliceAttr{Type: t, Invariant: inv, Folded: r.Fold}
		if r.Fold {
			if !inv {
				errs.add(Pos{}, k, "%s: cannot fold an attribute that is not a kernel invariant in every instance of %s", k, r.Class)
				continue
			}
			first := s.Objects[c.Objects[0]].Attrs[r.Attr]
			for _, id := range c.Objects[1:] {
				if a := s.Objects[id].Attrs[r.Attr]; !a.Value.Equal(first.Value) {
					errs.add(a.Origin, k, "%s: cannot fold: %s.%s = %s but %s.%s = %s", k,
						c.Objects[0], r.Attr, first.Value, id, r.Attr, a.Value)
					break
				}
			}
			sa.Value = first.Value
			sa.Type = first.Value.Type
		}
		classAttrs[k] = sa
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	f := &SliceFile{Module: module, Objects: objects, Attrs: attrs, ClassAttrs: classAttrs}
	return f.Encode(), nil
}

// Encode returns the canonical text of a slice: the header, the module,
// class attributes sorted by key, then every object in id order followed
// by its attributes in name order.
func (f *SliceFile) Encode() []byte {
	var b bytes.Buffer
	b.WriteString(sliceHeader + "\n")
	fmt.Fprintf(&b, "module %s\n", f.Module)
	layouts := append([]string(nil), f.Layouts...)
	sort.Strings(layouts)
	for i, c := range layouts {
		if i == 0 || c != layouts[i-1] {
			fmt.Fprintf(&b, "layout %s\n", c)
		}
	}
	for _, c := range sortedKeys(f.Singletons) {
		fmt.Fprintf(&b, "singleton %s %s\n", c, f.Singletons[c])
	}
	for _, k := range sortedKeys(f.ClassAttrs) {
		writeSliceAttr(&b, "class-attr", k, f.ClassAttrs[k])
	}
	byObj := map[string][]string{}
	for k := range f.Attrs {
		obj, _, _ := splitKey(k)
		byObj[obj] = append(byObj[obj], k)
	}
	for _, id := range sortedKeys(f.Objects) {
		fmt.Fprintf(&b, "object %s %s\n", id, f.Objects[id])
		keys := byObj[id]
		sort.Strings(keys)
		for _, k := range keys {
			writeSliceAttr(&b, "attr", k, f.Attrs[k])
		}
	}
	return b.Bytes()
}

func writeSliceAttr(b *bytes.Buffer, kw, key string, a *SliceAttr) {
	if a.Folded {
		writeAttr(b, kw, key, &Attr{Value: a.Value, Invariant: a.Invariant}, true)
		return
	}
	writeAttr(b, kw, key, &Attr{Value: Value{Type: a.Type}, Invariant: a.Invariant}, false)
}

// DecodeSlice parses a slice as Slice writes it.
func DecodeSlice(filename string, data []byte) (*SliceFile, error) {
	r, err := newLineReader(filename, data)
	if err != nil {
		return nil, err
	}
	f := &SliceFile{Objects: map[string]string{}, Attrs: map[string]*SliceAttr{}, ClassAttrs: map[string]*SliceAttr{}, Singletons: map[string]string{}}
	for i, line := range r.lines {
		r.n = i + 1
		if i == 0 {
			if line != sliceHeader {
				return nil, r.errAt(1, "not a snapshot slice: the first line must be %q", sliceHeader)
			}
			continue
		}
		fs, cols := splitFields(line, 2)
		if len(fs) < 2 {
			return nil, r.errAt(1, "want KEYWORD FIELDS, got %q", clip(line))
		}
		switch fs[0] {
		case "module":
			if i != 1 {
				return nil, r.errAt(1, "the module line must be the second line")
			}
			f.Module = fs[1]
		case "layout":
			if !isClassName(fs[1]) {
				return nil, r.errAt(cols[1], "want layout CLASS")
			}
			f.Layouts = append(f.Layouts, fs[1])
		case "singleton":
			o, _ := splitFields(fs[1], 2)
			if len(o) != 2 || !isClassName(o[0]) || !isObjectID(o[1]) {
				return nil, r.errAt(cols[1], "want singleton CLASS ID")
			}
			f.Singletons[o[0]] = o[1]
		case "object":
			o, c := splitFields(fs[1], 2)
			if len(o) != 2 || !isObjectID(o[0]) || !isClassName(o[1]) {
				return nil, r.errAt(cols[1], "want object ID CLASS")
			}
			f.Objects[o[0]] = o[1]
			_ = c
		case "attr", "class-attr":
			// The value is optional: split off a possible value ourselves.
			key, a, err := r.parseSliceAttr(fs[1], cols[1])
			if err != nil {
				return nil, err
			}
			obj, _, ok := splitKey(key)
			if fs[0] == "class-attr" {
				i := strings.LastIndexByte(key, '.')
				if i <= 0 || !isClassName(key[:i]) || !isIdent(key[i+1:]) {
					return nil, r.errAt(cols[1], "bad class attribute key %q", key)
				}
				f.ClassAttrs[key] = a
				continue
			}
			if !ok || f.Objects[obj] == "" {
				return nil, r.errAt(cols[1], "attribute %s without an object line before it", key)
			}
			f.Attrs[key] = a
		default:
			return nil, r.errAt(1, "unknown line kind %q", fs[0])
		}
	}
	return f, nil
}

func (r *lineReader) parseSliceAttr(rest string, col int) (string, *SliceAttr, error) {
	// KEY [invariant] TYPE [VALUE]
	fs, _ := splitFields(rest, 2)
	withValue := false
	if len(fs) == 2 {
		t := strings.TrimPrefix(fs[1], "invariant ")
		withValue = strings.Contains(t, " ")
	}
	key, a, err := r.parseAttrRest(rest, col, withValue)
	if err != nil {
		return "", nil, err
	}
	return key, &SliceAttr{Type: a.Value.Type, Invariant: a.Invariant, Folded: withValue, Value: a.Value}, nil
}

// Skeleton returns the value-independent structure of s in the slice
// format (module "*"): every object with its class, every attribute with
// its type and invariant flag, and the values only of attributes whose
// type holds object references (which object an attribute names is
// structure, not data). A pass that decides which attributes a module
// reads can take the skeleton as its input: a value change leaves it
// byte-identical.
func Skeleton(s *Snapshot) []byte {
	f := &SliceFile{Module: "*", Objects: map[string]string{}, Attrs: map[string]*SliceAttr{}, ClassAttrs: map[string]*SliceAttr{}}
	for id, o := range s.Objects {
		f.Objects[id] = o.Class
		for n, a := range o.Attrs {
			ref := hasRef(a.Value.Type)
			f.Attrs[id+"."+n] = &SliceAttr{Type: a.Value.Type, Invariant: a.Invariant, Folded: ref, Value: a.Value}
		}
	}
	return f.Encode()
}

func hasRef(t Type) bool {
	switch t.Kind {
	case KindRef:
		return true
	case KindList:
		return t.Elem != nil && hasRef(*t.Elem)
	case KindTuple:
		for _, e := range t.Elems {
			if hasRef(e) {
				return true
			}
		}
	}
	return false
}
