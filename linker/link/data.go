package link

import (
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/llir/llvm/ir"
	"github.com/llir/llvm/ir/constant"
	"github.com/llir/llvm/ir/enum"
	"github.com/llir/llvm/ir/types"

	"github.com/rules-artiq/rules_artiq/compiler/hostobj"
	"github.com/rules-artiq/rules_artiq/compiler/target"
	"github.com/rules-artiq/rules_artiq/snapshot"
)

// The data object: when a link has a snapshot, the entry object that
// replaces StubIR also defines every host object of the snapshot as
// link-time data (see package hostobj for the rules shared with the
// compiler):
//
//   - class C's struct is %"class.C": the object's id (its ObjectID in the
//     host tables, ARTIQ's __objectid__), then the representable
//     attributes of C's instances sorted by name (hostobj.ClassFields);
//   - object ID is the hidden global @"obj.ID" of its class's struct,
//     initialized with the snapshot's values (an attribute an instance
//     lacks is zero); strings point to private constant arrays, lists to
//     internal arrays @"data.ID.attr" (nested lists add ".index"),
//     references are the referenced object's address;
//   - __modinit__ calls the entry method with the entry object:
//     `call void @"module.Class.method"(%"class.C"* @"obj.self")`;
//   - `typeinfo` (exported) is a null-terminated array of pointers to the
//     objects that have attributes kernels may write (non-invariant ones):
//     the objects whose attributes the host reads back after the run. Its
//     entries are in the order of the host tables' `objects` with
//     "writeback": true.
//
// Changing a non-invariant value changes only this object: no slice, so
// no compile, re-runs.

// HostObject is one host object in the host tables.
type HostObject struct {
	Class string `json:"class"`
	ID    string `json:"id"`
	// ObjectID is the number the object's struct starts with, which the
	// kernel sends for it to an RPC (tag 'O'): 1..N in id order.
	ObjectID  int    `json:"objectid"`
	Symbol    string `json:"symbol"`
	Writeback bool   `json:"writeback"`
}

// addHostSymbols registers the objects and check symbols that the data
// object defines, so that the undefined-symbol check sees them, and fails
// the link when an archive was compiled against another snapshot's class
// layouts or folded values (a stale slice).
func addHostSymbols(o Options, in *inputs) error {
	checks := map[string]bool{}
	if o.Snapshot != nil {
		for _, n := range checkSymbols(o.Snapshot) {
			checks[n] = true
		}
	}
	var problems []string
	for _, k := range in.kernels {
		for _, n := range k.syms.undefined {
			if !hostobj.IsCheckSymbol(n) || checks[n] {
				continue
			}
			what := "without a snapshot"
			if o.Snapshot != nil {
				what = "with a snapshot whose " + describeCheck(n) + " differs"
			}
			problems = append(problems, fmt.Sprintf("stale archive: module %s (%s) was compiled against a slice of another snapshot: it is linked %s; recompile it against this snapshot's slice",
				k.manifest.Module, k.path, what))
			break
		}
	}
	if err := inputErrors(problems); err != nil {
		return err
	}
	if o.Snapshot == nil {
		return nil
	}
	syms := &symbols{defined: map[string]elf.Symbol{}, local: map[string]bool{}}
	for _, ob := range HostObjects(o.Snapshot) {
		syms.defined[ob.Symbol] = elf.Symbol{Name: ob.Symbol, Info: elf.ST_INFO(elf.STB_GLOBAL, elf.STT_OBJECT)}
	}
	for n := range checks {
		syms.defined[n] = elf.Symbol{Name: n, Info: elf.ST_INFO(elf.STB_GLOBAL, elf.STT_OBJECT)}
	}
	in.support = append(in.support, &supportMember{name: "host data", syms: syms})
	return nil
}

// describeCheck names what a check symbol stands for.
func describeCheck(sym string) string {
	rest, isLayout := strings.CutPrefix(sym, "__host_layout.")
	if !isLayout {
		rest = strings.TrimPrefix(sym, "__host_fold.")
	}
	if i := strings.LastIndexByte(rest, '.'); i > 0 {
		rest = rest[:i]
	}
	if isLayout {
		return "layout of class " + rest
	}
	return "value of the invariant " + rest
}

// checkSymbols returns the check symbols that the data object of s
// defines: one per class layout and one per foldable invariant value.
func checkSymbols(s *snapshot.Snapshot) []string {
	var out []string
	for _, c := range s.Classes() {
		out = append(out, hostobj.LayoutSymbol(c.Name, hostobj.ClassFields(c)))
	}
	for _, id := range s.ObjectIDs() {
		o := s.Objects[id]
		for _, n := range o.AttrNames() {
			if a := o.Attrs[n]; a.Invariant && hostobj.Foldable(a.Value.Type) {
				out = append(out, hostobj.FoldSymbol(id, n, a.Value))
			}
		}
	}
	sort.Strings(out)
	return out
}

// entryObjectIR is the IR of the link's entry object: the stub, or with
// a snapshot the entry and data object; both define the RPC service
// numbers (rpc.go).
func entryObjectIR(o Options, in *inputs) ([]byte, error) {
	if o.Snapshot == nil {
		return stubIRWithRPC(o.Target, o.Entry, in.rpcServices())
	}
	m, _, err := dataModule(o.Target, o.Snapshot, o.Entry, o.EntryObject)
	if err != nil {
		return nil, inputErrorf("host data: %v", err)
	}
	addRPCGlobals(m, in.rpcServices())
	return []byte(m.String()), nil
}

// HostObjects returns the host tables' objects of a snapshot: every
// object by id, with its class, its symbol and whether the typeinfo table
// lists it.
func HostObjects(s *snapshot.Snapshot) []HostObject {
	classes := map[string]*snapshot.Class{}
	for _, c := range s.Classes() {
		classes[c.Name] = c
	}
	var out []HostObject
	for i, id := range s.ObjectIDs() {
		o := s.Objects[id]
		wb := false
		for _, f := range hostobj.ClassFields(classes[o.Class]) {
			if a := o.Attrs[f.Name]; a != nil && !a.Invariant {
				wb = true
			}
		}
		out = append(out, HostObject{Class: o.Class, ID: id, ObjectID: i + 1, Symbol: hostobj.Symbol(id), Writeback: wb})
	}
	return out
}

// addObjectTables fills the tables' objects.
func addObjectTables(t *Tables, o Options) error {
	if o.Snapshot == nil {
		return nil
	}
	for _, ob := range HostObjects(o.Snapshot) {
		data, err := json.Marshal(ob)
		if err != nil {
			return err
		}
		t.Objects = append(t.Objects, data)
	}
	return nil
}

// DataIR returns the LLVM IR of the entry and data object for snapshot s:
// __modinit__ calls entry (a method symbol) with the object entryObject
// (default: the snapshot's entry object).
func DataIR(t *target.Target, s *snapshot.Snapshot, entry, entryObject string) ([]byte, []HostObject, error) {
	m, objs, err := dataModule(t, s, entry, entryObject)
	if err != nil {
		return nil, nil, err
	}
	return []byte(m.String()), objs, nil
}

func dataModule(t *target.Target, s *snapshot.Snapshot, entry, entryObject string) (*ir.Module, []HostObject, error) {
	if entryObject == "" {
		entryObject = s.Entry.Object
	}
	self := s.Objects[entryObject]
	if self == nil {
		return nil, nil, fmt.Errorf("entry object %q is not in the snapshot", entryObject)
	}
	if len(s.Entry.Args) > 0 && entryObject == s.Entry.Object {
		return nil, nil, fmt.Errorf("the entry %s.%s takes arguments, which are not supported yet", s.Entry.Object, s.Entry.Method)
	}
	d := &dataBuilder{
		s: s, m: ir.NewModule(), structs: map[string]*types.StructType{},
		fields: map[string][]hostobj.Attr{}, globals: map[string]*ir.Global{}, strs: map[string]*ir.Global{},
		objectIDs: map[string]int{},
	}
	d.m.SourceFilename = "__modinit__"
	d.m.DataLayout = t.DataLayout
	d.m.TargetTriple = t.Triple
	d.strType = types.NewStruct(types.I8Ptr, types.I32)
	for _, c := range s.Classes() {
		d.fields[c.Name] = hostobj.ClassFields(c)
	}
	ids := s.ObjectIDs()
	for i, id := range ids {
		d.objectIDs[id] = i + 1 // HostObjects' numbering
	}
	// Declare every object first: initializers refer to each other.
	for _, id := range ids {
		o := s.Objects[id]
		g := d.m.NewGlobal(hostobj.Symbol(id), d.classType(o.Class))
		g.Visibility = enum.VisibilityHidden
		g.Align = 8
		d.globals[id] = g
	}
	for _, id := range ids {
		init, err := d.object(s.Objects[id])
		if err != nil {
			return nil, nil, err
		}
		d.globals[id].Init = init
	}

	// __modinit__ and the loader anchors, as in StubIR.
	run := d.m.NewFunc(entry, types.Void, ir.NewParam("self", types.NewPointer(d.classType(self.Class))))
	modinit := d.m.NewFunc("__modinit__", types.Void, ir.NewParam("", types.I8Ptr))
	modinit.FuncAttrs = append(modinit.FuncAttrs, enum.FuncAttrUwtable)
	b := modinit.NewBlock("")
	b.NewCall(run, d.globals[entryObject])
	b.NewRet(nil)
	imported := d.m.NewFunc(pltAnchor, types.Void, ir.NewParam("", types.I32), ir.NewParam("", types.I32))
	anchor := d.m.NewFunc("__kernelld_plt_anchor", types.Void)
	anchor.Visibility = enum.VisibilityHidden
	anchor.FuncAttrs = append(anchor.FuncAttrs, enum.FuncAttrNoUnwind)
	ab := anchor.NewBlock("")
	zero := constant.NewInt(types.I32, 0)
	ab.NewCall(imported, zero, zero)
	ab.NewRet(nil)
	ptr := d.m.NewGlobalDef("__kernelld_rela_anchor", anchor)
	ptr.Immutable = true
	ptr.Visibility = enum.VisibilityHidden

	for _, n := range checkSymbols(s) {
		g := d.m.NewGlobalDef(n, constant.NewInt(types.I8, 0))
		g.Visibility = enum.VisibilityHidden
		g.Immutable = true
	}

	objs := HostObjects(s)
	var wb []constant.Constant
	for _, ob := range objs {
		if ob.Writeback {
			wb = append(wb, constant.NewBitCast(d.globals[ob.ID], types.I8Ptr))
		}
	}
	wb = append(wb, constant.NewNull(types.I8Ptr))
	ti := d.m.NewGlobalDef("typeinfo", constant.NewArray(types.NewArray(uint64(len(wb)), types.I8Ptr), wb...))
	ti.Immutable = true
	return d.m, objs, nil
}

type dataBuilder struct {
	s       *snapshot.Snapshot
	m       *ir.Module
	structs map[string]*types.StructType
	fields  map[string][]hostobj.Attr
	globals map[string]*ir.Global // objects by id
	strs    map[string]*ir.Global
	// objectIDs are the objects' numbers (HostObject.ObjectID) by id.
	objectIDs map[string]int
	strType   *types.StructType
}

// classType is the named struct of a class, created on first use.
func (d *dataBuilder) classType(class string) *types.StructType {
	if st, ok := d.structs[class]; ok {
		return st
	}
	st := types.NewStruct()
	st.SetName(hostobj.StructName(class))
	d.structs[class] = st
	d.m.TypeDefs = append(d.m.TypeDefs, st)
	for _, f := range d.fields[class] {
		st.Fields = append(st.Fields, d.fieldType(f.Type))
	}
	if len(st.Fields) == 0 {
		st.Fields = []types.Type{types.I8}
	}
	return st
}

// fieldType is the LLVM type of a field (None is an i8, as the compiler
// lays out a field that only holds None).
func (d *dataBuilder) fieldType(t snapshot.Type) types.Type {
	if t.Kind == snapshot.KindNone {
		return types.I8
	}
	return d.irType(t)
}

// irType mirrors the compiler's lowering of kernel types.
func (d *dataBuilder) irType(t snapshot.Type) types.Type {
	switch t.Kind {
	case snapshot.KindBool:
		return types.I1
	case snapshot.KindInt32:
		return types.I32
	case snapshot.KindInt64:
		return types.I64
	case snapshot.KindFloat:
		return types.Double
	case snapshot.KindStr:
		return d.strType
	case snapshot.KindList:
		// A list is a pointer to its header {T* data, i32 len, i32 cap}, as
		// the compiler lays lists out (compiler/lower/seq.go).
		return types.NewPointer(d.listHeader(t))
	case snapshot.KindTuple:
		var fs []types.Type
		for _, e := range t.Elems {
			fs = append(fs, d.irType(e))
		}
		return types.NewStruct(fs...)
	case snapshot.KindRef:
		return types.NewPointer(d.classType(t.Class))
	}
	panic(fmt.Sprintf("link: no LLVM type for host type %s", t))
}

func (d *dataBuilder) listHeader(t snapshot.Type) *types.StructType {
	return types.NewStruct(types.NewPointer(d.irType(listElem(t))), types.I32, types.I32)
}

func listElem(t snapshot.Type) snapshot.Type {
	if t.Elem == nil || t.Elem.Kind == snapshot.KindUnknown {
		return snapshot.TInt32
	}
	return *t.Elem
}

func (d *dataBuilder) object(o *snapshot.Object) (constant.Constant, error) {
	st := d.classType(o.Class)
	fields := d.fields[o.Class]
	if len(fields) == 0 {
		return constant.NewZeroInitializer(st), nil
	}
	var vals []constant.Constant
	for i, f := range fields {
		if f.Name == hostobj.ObjectIDField {
			vals = append(vals, constant.NewInt(types.I32, int64(d.objectIDs[o.ID])))
			continue
		}
		a := o.Attrs[f.Name]
		if a == nil {
			vals = append(vals, constant.NewZeroInitializer(st.Fields[i]))
			continue
		}
		if f.Type.Kind == snapshot.KindNone {
			vals = append(vals, constant.NewInt(types.I8, 0))
			continue
		}
		v, err := d.value(f.Type, a.Value, "data."+o.ID+"."+f.Name)
		if err != nil {
			return nil, fmt.Errorf("%s.%s: %v", o.ID, f.Name, err)
		}
		vals = append(vals, v)
	}
	return constant.NewStruct(st, vals...), nil
}

// value is the constant of v as a value of type t (the class's unified
// attribute type, which may be more precise than v's for empty lists).
func (d *dataBuilder) value(t snapshot.Type, v snapshot.Value, name string) (constant.Constant, error) {
	switch t.Kind {
	case snapshot.KindBool:
		return constant.NewBool(v.Bool), nil
	case snapshot.KindInt32:
		return constant.NewInt(types.I32, v.Int), nil
	case snapshot.KindInt64:
		return constant.NewInt(types.I64, v.Int), nil
	case snapshot.KindFloat:
		return constant.NewFloat(types.Double, v.Float), nil
	case snapshot.KindStr:
		return d.str(v.Str), nil
	case snapshot.KindRef:
		g := d.globals[v.Ref]
		if g == nil {
			return nil, fmt.Errorf("reference to %q, which is not in the snapshot", v.Ref)
		}
		return g, nil
	case snapshot.KindTuple:
		if len(v.Elems) != len(t.Elems) {
			return nil, fmt.Errorf("a tuple of %d values for type %s", len(v.Elems), t)
		}
		st := d.irType(t).(*types.StructType)
		var elems []constant.Constant
		for i, e := range v.Elems {
			c, err := d.value(t.Elems[i], e, name+"."+strconv.Itoa(i))
			if err != nil {
				return nil, err
			}
			elems = append(elems, c)
		}
		return constant.NewStruct(st, elems...), nil
	case snapshot.KindList:
		ht := d.listHeader(t)
		et := listElem(t)
		elemType := d.irType(et)
		header := func(ptr constant.Constant, n int) constant.Constant {
			g := d.m.NewGlobalDef(name+".list", constant.NewStruct(ht, ptr, constant.NewInt(types.I32, int64(n)), constant.NewInt(types.I32, int64(n))))
			g.Linkage = enum.LinkageInternal
			return g
		}
		if len(v.Elems) == 0 {
			return header(constant.NewNull(types.NewPointer(elemType)), 0), nil
		}
		var elems []constant.Constant
		for i, e := range v.Elems {
			c, err := d.value(et, e, name+"."+strconv.Itoa(i))
			if err != nil {
				return nil, err
			}
			elems = append(elems, c)
		}
		arrType := types.NewArray(uint64(len(elems)), elemType)
		g := d.m.NewGlobalDef(name, constant.NewArray(arrType, elems...))
		g.Linkage = enum.LinkageInternal
		ptr := constant.NewGetElementPtr(arrType, g, constant.NewInt(types.I32, 0), constant.NewInt(types.I32, 0))
		return header(ptr, len(elems)), nil
	}
	return nil, fmt.Errorf("kernels cannot hold a %s", t)
}

// str returns a constant {i8*, i32} for s, backed by a private array named
// after the hash of its contents (as the compiler names its strings).
func (d *dataBuilder) str(s string) constant.Constant {
	g, ok := d.strs[s]
	if !ok {
		sum := sha256.Sum256([]byte(s))
		g = d.m.NewGlobalDef(".str."+hex.EncodeToString(sum[:8]), constant.NewCharArrayFromString(s+"\x00"))
		g.Linkage = enum.LinkagePrivate
		g.UnnamedAddr = enum.UnnamedAddrUnnamedAddr
		g.Immutable = true
		d.strs[s] = g
	}
	ptr := constant.NewGetElementPtr(g.ContentType, g, constant.NewInt(types.I32, 0), constant.NewInt(types.I32, 0))
	return constant.NewStruct(d.strType, ptr, constant.NewInt(types.I32, int64(len(s))))
}

// SnapshotEntry returns the entry symbol of a snapshot: the entry
// method of the entry object's class (module.Class.method). entryObject
// overrides the snapshot's entry object when set.
func SnapshotEntry(s *snapshot.Snapshot, entryObject string) string {
	if entryObject == "" {
		entryObject = s.Entry.Object
	}
	o := s.Objects[entryObject]
	if o == nil {
		return ""
	}
	return o.Class + "." + s.Entry.Method
}
