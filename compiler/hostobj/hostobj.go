// Package hostobj holds what the compiler and the linker must agree on
// about host objects: which attributes of a host class kernels can use,
// the layout of its struct (the same in every module and in the link's
// data object), which attribute reads a module folds into its code, the
// symbol of each object, and the two sources of those facts: a Recorder
// over a whole snapshot (the uses pass of `kernelc slice`, which also
// writes the module's slice) and a slice file (`kernelc compile --slice`).
//
// The rules, in one place:
//
//   - A host class's struct starts with the object's id (ObjectIDField,
//     an int32: ARTIQ's `__objectid__`, which the firmware sends for a
//     host object passed to an RPC), then holds the attributes of its
//     instances that kernels can represent (see Representable), sorted by
//     name, with their snapshot types. Opaque values and NumPy arrays are
//     left out.
//   - Host object `ID` is the global `obj.ID` of its class's struct,
//     defined by the link's data object.
//   - A read of attribute `a` of an object that the compiling module
//     knows statically is folded into the code when `a` is a kernel
//     invariant of a foldable type (see Foldable); every other read is a
//     load through the object pointer.
package hostobj

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"github.com/rules-artiq/rules_artiq/snapshot"
)

// Symbol returns the link-time symbol of a host object.
func Symbol(id string) string { return "obj." + id }

// StructName returns the LLVM name of a host class's struct (the same
// naming as the compiler's kernel classes: class.<module>.<Name>).
func StructName(class string) string { return "class." + class }

// ClassModule returns the module path of a qualified class name.
func ClassModule(class string) string {
	if i := strings.LastIndexByte(class, '.'); i > 0 {
		return class[:i]
	}
	return ""
}

// Representable reports whether kernels can hold a value of type t in a
// field of a host object: None, bool, int32, int64, float, str,
// references, and lists and tuples of those (an empty list of unknown
// element type is a list of int32).
func Representable(t snapshot.Type) bool {
	switch t.Kind {
	case snapshot.KindNone:
		return true
	case snapshot.KindList:
		if t.Elem == nil || t.Elem.Kind == snapshot.KindUnknown {
			return true
		}
		return t.Elem.Kind != snapshot.KindNone && Representable(*t.Elem)
	case snapshot.KindTuple:
		for _, e := range t.Elems {
			if e.Kind == snapshot.KindNone || !Representable(e) {
				return false
			}
		}
		return true
	}
	return isScalar(t)
}

func isScalar(t snapshot.Type) bool {
	switch t.Kind {
	case snapshot.KindBool, snapshot.KindInt32, snapshot.KindInt64, snapshot.KindFloat, snapshot.KindStr, snapshot.KindRef:
		return true
	}
	return false
}

// Foldable reports whether an invariant of type t is folded into code
// where its object is statically known: scalars, strings, None and
// references (which object an invariant names). Lists and tuples stay
// loads from the object.
func Foldable(t snapshot.Type) bool { return t.Kind == snapshot.KindNone || isScalar(t) }

// Attr is an attribute as a compile sees it.
type Attr struct {
	Name      string
	Type      snapshot.Type
	Invariant bool
	// Folded: the module folds the value (an invariant read through a
	// statically known object); Value is set.
	Folded bool
	Value  snapshot.Value
}

// ObjectIDField is the first field of every host object: its id in the
// host tables' objects (HostObject.ObjectID), which the firmware reads to
// send the object to an RPC (tag 'O'). Snapshot attributes never have
// dunder names, so it cannot collide with one.
const ObjectIDField = "__objectid__"

// Fields returns the fields of a class's struct, in order: the object id,
// then the representable attributes, sorted by name.
func Fields(attrs []Attr) []Attr {
	var out []Attr
	for _, a := range attrs {
		if Representable(a.Type) && a.Name != ObjectIDField {
			out = append(out, a)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return append([]Attr{{Name: ObjectIDField, Type: snapshot.TInt32, Invariant: true}}, out...)
}

// ClassFields returns the struct fields of a snapshot class.
func ClassFields(c *snapshot.Class) []Attr {
	return Fields(classAttrs(c))
}

func classAttrs(c *snapshot.Class) []Attr {
	inv := map[string]bool{}
	for _, n := range c.Invariants {
		inv[n] = true
	}
	var out []Attr
	for n, t := range c.Attrs {
		out = append(out, Attr{Name: n, Type: t, Invariant: inv[n]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Source answers a compile's questions about host objects. The answers
// of a Recorder and of the slice it writes are the same for every
// question the same source code asks, so a compile from the slice
// decides exactly as the uses pass did.
type Source interface {
	// Layout returns every attribute of a class, sorted by name, or
	// ok=false when the snapshot has no instance of it.
	Layout(class string) (attrs []Attr, ok bool)
	// ObjectAttr returns one attribute of a statically known object.
	ObjectAttr(id, attr string) (Attr, error)
	// Singleton returns the object that `self` always is in the methods
	// of class (the entry object, when it is its class's only instance
	// and the class is defined in the compiling module).
	Singleton(class string) (id string, ok bool)
}

// Recorder is the Source of the uses pass: it answers from a whole
// snapshot and records every question, from which Slice cuts the
// module's slice.
type Recorder struct {
	s          *snapshot.Snapshot
	module     string
	classes    map[string]*snapshot.Class
	refs       []snapshot.AttrRef
	layouts    map[string]bool
	singletons map[string]string
}

// NewRecorder returns a Recorder for the compile of module over s.
func NewRecorder(s *snapshot.Snapshot, module string) *Recorder {
	r := &Recorder{s: s, module: module, classes: map[string]*snapshot.Class{},
		layouts: map[string]bool{}, singletons: map[string]string{}}
	for _, c := range s.Classes() {
		r.classes[c.Name] = c
	}
	return r
}

// Layout implements Source.
func (r *Recorder) Layout(class string) ([]Attr, bool) {
	c := r.classes[class]
	if c == nil {
		return nil, false
	}
	r.layouts[class] = true
	attrs := classAttrs(c)
	for _, a := range attrs {
		r.refs = append(r.refs, snapshot.AttrRef{Class: class, Attr: a.Name})
	}
	return attrs, true
}

// ObjectAttr implements Source.
func (r *Recorder) ObjectAttr(id, attr string) (Attr, error) {
	o := r.s.Objects[id]
	if o == nil {
		return Attr{}, fmt.Errorf("no host object %q in the snapshot", id)
	}
	a := o.Attrs[attr]
	if a == nil {
		return Attr{}, fmt.Errorf("host object %s (%s) has no attribute %q", id, o.Class, attr)
	}
	fold := a.Invariant && Foldable(a.Value.Type)
	r.refs = append(r.refs, snapshot.AttrRef{Object: id, Attr: attr, Fold: fold})
	out := Attr{Name: attr, Type: a.Value.Type, Invariant: a.Invariant, Folded: fold}
	if fold {
		out.Value = a.Value
	}
	return out, nil
}

// Singleton implements Source.
func (r *Recorder) Singleton(class string) (string, bool) {
	id := r.s.Entry.Object
	o := r.s.Objects[id]
	c := r.classes[class]
	if o == nil || o.Class != class || c == nil || len(c.Objects) != 1 || ClassModule(class) != r.module {
		return "", false
	}
	r.singletons[class] = id
	return id, true
}

// Refs returns the attribute references recorded so far.
func (r *Recorder) Refs() []snapshot.AttrRef { return append([]snapshot.AttrRef(nil), r.refs...) }

// Slice returns the module's canonical slice: what the recorded
// questions read, and the values of exactly the invariants it folds.
func (r *Recorder) Slice() ([]byte, error) {
	data, err := snapshot.Slice(r.s, r.module, r.refs)
	if err != nil {
		return nil, err
	}
	f, err := snapshot.DecodeSlice(r.module+".slice", data)
	if err != nil {
		return nil, err
	}
	for c := range r.layouts {
		f.Layouts = append(f.Layouts, c)
	}
	sort.Strings(f.Layouts)
	for c, id := range r.singletons {
		f.Singletons[c] = id
	}
	return f.Encode(), nil
}

// SliceSource is the Source of a compile: it answers from the module's
// slice only.
type SliceSource struct {
	f      *snapshot.SliceFile
	byClas map[string][]Attr
}

// NewSliceSource returns the Source for a decoded slice.
func NewSliceSource(f *snapshot.SliceFile) *SliceSource {
	s := &SliceSource{f: f, byClas: map[string][]Attr{}}
	for k, a := range f.ClassAttrs {
		i := strings.LastIndexByte(k, '.')
		cls, name := k[:i], k[i+1:]
		s.byClas[cls] = append(s.byClas[cls], Attr{Name: name, Type: a.Type, Invariant: a.Invariant})
	}
	for _, attrs := range s.byClas {
		sort.Slice(attrs, func(i, j int) bool { return attrs[i].Name < attrs[j].Name })
	}
	return s
}

// ReadSlice decodes a slice file into a Source.
func ReadSlice(name string, data []byte) (*SliceSource, error) {
	f, err := snapshot.DecodeSlice(name, data)
	if err != nil {
		return nil, err
	}
	return NewSliceSource(f), nil
}

// Module returns the module the slice was cut for.
func (s *SliceSource) Module() string { return s.f.Module }

// Layout implements Source.
func (s *SliceSource) Layout(class string) ([]Attr, bool) {
	for _, c := range s.f.Layouts {
		if c == class {
			return append([]Attr(nil), s.byClas[class]...), true
		}
	}
	return nil, false
}

// ObjectAttr implements Source.
func (s *SliceSource) ObjectAttr(id, attr string) (Attr, error) {
	a := s.f.Attr(id, attr)
	if a == nil {
		return Attr{}, fmt.Errorf("the slice of module %s has no attribute %s.%s (was it cut from this source? rerun kernelc slice)", s.f.Module, id, attr)
	}
	out := Attr{Name: attr, Type: a.Type, Invariant: a.Invariant, Folded: a.Folded}
	if a.Folded {
		out.Value = a.Value
		out.Type = a.Value.Type
	}
	return out, nil
}

// Singleton implements Source.
func (s *SliceSource) Singleton(class string) (string, bool) {
	id, ok := s.f.Singletons[class]
	return id, ok
}

// Check symbols tie a module's code to the snapshot it was compiled
// against: the object references one hidden symbol per class layout it
// uses and per invariant value it folds, named after a hash of the
// layout or the value; the link's data object defines them for its
// snapshot. An archive compiled against another snapshot's layouts or
// folded values then fails the link as stale instead of running with
// wrong offsets or constants.

// LayoutSymbol is the check symbol of a class layout (its struct fields).
func LayoutSymbol(class string, fields []Attr) string {
	h := sha256.New()
	for _, f := range fields {
		fmt.Fprintf(h, "%s %s\n", f.Name, f.Type)
	}
	return "__host_layout." + class + "." + hex.EncodeToString(h.Sum(nil)[:8])
}

// FoldSymbol is the check symbol of a folded invariant value.
func FoldSymbol(id, attr string, v snapshot.Value) string {
	sum := sha256.Sum256([]byte(v.Type.String() + " " + v.String()))
	return "__host_fold." + id + "." + attr + "." + hex.EncodeToString(sum[:8])
}

// IsCheckSymbol reports whether name is a layout or fold check symbol.
func IsCheckSymbol(name string) bool {
	return strings.HasPrefix(name, "__host_layout.") || strings.HasPrefix(name, "__host_fold.")
}
