package simulator

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/llir/llvm/ir"
	"github.com/llir/llvm/ir/constant"
	"github.com/llir/llvm/ir/enum"
	"github.com/llir/llvm/ir/types"
	"github.com/llir/llvm/ir/value"

	"github.com/rules-artiq/rules_artiq/compiler/object"
	"github.com/rules-artiq/rules_artiq/compiler/target"
	"github.com/rules-artiq/rules_artiq/linker/link"
)

// These tests check the runtime's exception handling against kernels whose
// IR uses ARTIQ's exception ABI the way the compiler lowers Python: invoke
// and landingpad with __artiq_personality, `catch i32* @typeinfo` clauses
// (null catches all), `cleanup`, llvm.eh.typeid.for, resume (which llc
// turns into a call of _Unwind_Resume), __artiq_raise, __artiq_resume and
// __artiq_end_catch. The IR is compiled with llc and linked with
// linker/link, as kernelc does.

const (
	idIndexError        = 11
	idValueError        = 19
	idZeroDivisionError = 20
)

// ehKernel builds the IR of one test kernel: module t.k, entry t.k.run.
type ehKernel struct {
	m                                         *ir.Module
	str, exn                                  *types.StructType
	raise, personality, endCatch, resume, log *ir.Func
	typeid                                    *ir.Func
	typeinfos                                 map[int64]*ir.Global
	nstr                                      int
}

func newEHKernel(tg *target.Target) *ehKernel {
	m := ir.NewModule()
	m.SourceFilename = "t.k"
	m.DataLayout = tg.DataLayout
	m.TargetTriple = tg.Triple
	k := &ehKernel{m: m, typeinfos: map[int64]*ir.Global{}}
	k.str = types.NewStruct(types.I8Ptr, types.I32)
	// {i32 id, str file, i32 line, i32 column, str function, str message,
	// [3 x i64] param}
	k.exn = types.NewStruct(types.I32, k.str, types.I32, types.I32, k.str, k.str, types.NewArray(3, types.I64))
	k.raise = m.NewFunc("__artiq_raise", types.Void, ir.NewParam("", types.NewPointer(k.exn)))
	k.raise.FuncAttrs = append(k.raise.FuncAttrs, enum.FuncAttrNoReturn)
	k.resume = m.NewFunc("__artiq_resume", types.Void)
	k.resume.FuncAttrs = append(k.resume.FuncAttrs, enum.FuncAttrNoReturn)
	k.personality = m.NewFunc("__artiq_personality", types.I32)
	k.personality.Sig.Variadic = true
	k.endCatch = m.NewFunc("__artiq_end_catch", types.Void)
	k.typeid = m.NewFunc("llvm.eh.typeid.for", types.I32, ir.NewParam("", types.I8Ptr))
	k.log = m.NewFunc("core_log", types.Void, ir.NewParam("", types.I8Ptr))
	k.log.Sig.Variadic = true
	return k
}

func i32(v int64) constant.Constant { return constant.NewInt(types.I32, v) }

// cstr is a pointer to a NUL-terminated private copy of s.
func (k *ehKernel) cstr(s string) constant.Constant {
	return k.bytes(s + "\x00")
}

func (k *ehKernel) bytes(s string) constant.Constant {
	k.nstr++
	arr := constant.NewCharArrayFromString(s)
	g := k.m.NewGlobalDef(fmt.Sprintf("str.%d", k.nstr), arr)
	g.Linkage = enum.LinkagePrivate
	g.Immutable = true
	g.UnnamedAddr = enum.UnnamedAddrUnnamedAddr
	return constant.NewGetElementPtr(arr.Typ, g, i32(0), i32(0))
}

// astr is an ARTIQ string {i8*, i32}.
func (k *ehKernel) astr(s string) constant.Constant {
	return constant.NewStruct(k.str, k.bytes(s), i32(int64(len(s))))
}

// typeinfo is the clause operand catching id; -1 is the catch-all null.
func (k *ehKernel) typeinfo(id int64) constant.Constant {
	if id < 0 {
		return constant.NewNull(types.I8Ptr)
	}
	g, ok := k.typeinfos[id]
	if !ok {
		g = k.m.NewGlobalDef(fmt.Sprintf("typeinfo.%d", id), i32(id))
		g.Linkage = enum.LinkageLinkOnceODR
		g.Visibility = enum.VisibilityHidden
		g.Immutable = true
		k.typeinfos[id] = g
	}
	return constant.NewBitCast(g, types.I8Ptr)
}

// fn defines the hidden function t.k.<name> with the ARTIQ personality.
func (k *ehKernel) fn(name string, params ...*ir.Param) *ir.Func {
	f := k.m.NewFunc("t.k."+name, types.Void, params...)
	f.Visibility = enum.VisibilityHidden
	f.Personality = k.personality
	return f
}

// raiser defines t.k.<name>(), which raises id from test.py:line:column
// with message msg and params {100+id, line, -1}.
func (k *ehKernel) raiser(name string, id int64, line, column int64, msg string) *ir.Func {
	f := k.fn(name)
	f.Personality = nil
	b := f.NewBlock("")
	e := b.NewAlloca(k.exn)
	field := func(i int64) value.Value {
		return b.NewGetElementPtr(k.exn, e, i32(0), i32(i))
	}
	b.NewStore(i32(id), field(0))
	b.NewStore(k.astr("test.py"), field(1))
	b.NewStore(i32(line), field(2))
	b.NewStore(i32(column), field(3))
	b.NewStore(k.astr(name), field(4))
	b.NewStore(k.astr(msg), field(5))
	b.NewStore(constant.NewArray(types.NewArray(3, types.I64),
		constant.NewInt(types.I64, 100+id), constant.NewInt(types.I64, line), constant.NewInt(types.I64, -1)), field(6))
	b.NewCall(k.raise, e)
	b.NewUnreachable()
	return f
}

// pad starts a landing-pad block in f with catch clauses for ids (-1:
// catch-all) and optionally a cleanup clause.
func (k *ehKernel) pad(f *ir.Func, name string, cleanup bool, ids ...int64) (*ir.Block, *ir.InstLandingPad) {
	b := f.NewBlock(name)
	var clauses []*ir.Clause
	for _, id := range ids {
		clauses = append(clauses, ir.NewClause(enum.ClauseTypeCatch, k.typeinfo(id)))
	}
	lp := b.NewLandingPad(types.NewStruct(types.I8Ptr, types.I32), clauses...)
	lp.Cleanup = cleanup
	return b, lp
}

// printf calls core_log.
func (k *ehKernel) printf(b *ir.Block, format string, args ...value.Value) {
	b.NewCall(k.log, append([]value.Value{k.cstr(format)}, args...)...)
}

// field loads field i of the exception the landing pad lp received.
func (k *ehKernel) field(b *ir.Block, lp value.Value, i int64) value.Value {
	p := b.NewBitCast(b.NewExtractValue(lp, 0), types.NewPointer(k.exn))
	return b.NewLoad(k.exn.Fields[i], b.NewGetElementPtr(k.exn, p, i32(0), i32(i)))
}

// printExn prints "<prefix> <id> <message>\n" for the exception lp got.
func (k *ehKernel) printExn(b *ir.Block, lp value.Value, prefix string) {
	id := k.field(b, lp, 0)
	msg := k.field(b, lp, 5)
	k.printf(b, prefix+" %d %.*s\n", id, b.NewExtractValue(msg, 1), b.NewExtractValue(msg, 0))
}

// invoke calls f from b with unwind destination pad and continues in a new
// block, which it returns.
func invoke(b *ir.Block, f value.Value, pad *ir.Block, args ...value.Value) *ir.Block {
	next := b.Parent.NewBlock("")
	b.NewInvoke(f, args, next, pad)
	return next
}

// caught is a landing pad's normal end: end the catch and return.
func (k *ehKernel) caught(b *ir.Block) {
	b.NewCall(k.endCatch)
	b.NewRet(nil)
}

// ehCase is one kernel and what running it must give.
type ehCase struct {
	name   string
	build  func(k *ehKernel, run *ir.Func)
	code   int
	stdout string
	exn    *Exception // for code 1
}

var ehCases = []ehCase{
	{
		// A invokes B, which raises ValueError; A's clause catches it.
		name: "catch",
		build: func(k *ehKernel, run *ir.Func) {
			raise := k.raiser("raise_value", idValueError, 7, 3, "bad value")
			entry := run.NewBlock("")
			pad, lp := k.pad(run, "pad", false, idValueError)
			next := invoke(entry, raise, pad)
			k.printf(next, "not reached\n")
			next.NewRet(nil)
			k.printExn(pad, lp, "caught")
			k.caught(pad)
		},
		stdout: "caught 19 bad value\n",
	},
	{
		// The only clause catches another id: the exception is uncaught.
		name: "wrong-id",
		build: func(k *ehKernel, run *ir.Func) {
			raise := k.raiser("raise_value", idValueError, 12, 5, "not caught")
			entry := run.NewBlock("")
			pad, _ := k.pad(run, "pad", false, idZeroDivisionError)
			invoke(entry, raise, pad).NewRet(nil)
			k.printf(pad, "wrong handler\n")
			k.caught(pad)
		},
		code: ExitException,
		exn: &Exception{ID: idValueError, Name: "ValueError", File: "test.py", Line: 12, Column: 5,
			Function: "raise_value", Message: "not caught", Params: [3]int64{119, 12, -1}},
	},
	{
		// A null clause catches everything.
		name: "catch-all",
		build: func(k *ehKernel, run *ir.Func) {
			raise := k.raiser("raise_zero", idZeroDivisionError, 3, 1, "division by zero")
			entry := run.NewBlock("")
			pad, lp := k.pad(run, "pad", false, -1)
			invoke(entry, raise, pad).NewRet(nil)
			k.printExn(pad, lp, "caught all")
			k.caught(pad)
		},
		stdout: "caught all 20 division by zero\n",
	},
	{
		// finally: B's cleanup pad runs and resumes; A catches.
		name: "cleanup-resume",
		build: func(k *ehKernel, run *ir.Func) {
			raise := k.raiser("raise_value", idValueError, 7, 3, "through cleanup")
			mid := k.fn("middle")
			mentry := mid.NewBlock("")
			mpad, mlp := k.pad(mid, "cleanup", true)
			invoke(mentry, raise, mpad).NewRet(nil)
			k.printf(mpad, "cleanup\n")
			mpad.NewResume(mlp)

			entry := run.NewBlock("")
			pad, lp := k.pad(run, "pad", false, idValueError)
			invoke(entry, mid, pad).NewRet(nil)
			k.printExn(pad, lp, "outer caught")
			k.caught(pad)
		},
		stdout: "cleanup\nouter caught 19 through cleanup\n",
	},
	{
		// Exceptions raised in handlers, 40 times over (more than the
		// runtime's slots, so nothing may leak):
		//  (a) caught inside the handler, which then finishes with the
		//      original exception intact;
		//  (b) escaping the handler to an outer try of the same function;
		//  (c) escaping a callee's handler to the caller.
		name: "nested",
		build: func(k *ehKernel, run *ir.Func) {
			r19 := k.raiser("raise_value", idValueError, 1, 1, "first")
			r20 := k.raiser("raise_zero", idZeroDivisionError, 2, 1, "second")

			esc := k.fn("escaper")
			eentry := esc.NewBlock("")
			epad, _ := k.pad(esc, "pad", false, idValueError)
			invoke(eentry, r19, epad).NewRet(nil)
			epad.NewCall(r20) // propagates out of the handler
			epad.NewUnreachable()

			i := ir.NewParam("i", types.I32)
			once := k.fn("once", i)
			entry := once.NewBlock("")
			padA, lpA := k.pad(once, "a.outer", false, idValueError)
			padB, lpB := k.pad(once, "a.inner", false, idZeroDivisionError)
			padC, _ := k.pad(once, "b.handler", false, idValueError)
			padD, lpD := k.pad(once, "b.outer", false, idZeroDivisionError)
			padE, lpE := k.pad(once, "c.caller", false, idZeroDivisionError)

			invoke(entry, r19, padA).NewUnreachable()
			k.printf(padA, "%d: handling %d\n", i, k.field(padA, lpA, 0))
			invoke(padA, r20, padB).NewUnreachable()
			k.printExn(padB, lpB, "  inner caught")
			padB.NewCall(k.endCatch)
			k.printExn(padB, lpA, "  still handling")
			padB.NewCall(k.endCatch)

			invoke(padB, r19, padC).NewUnreachable()
			invoke(padC, r20, padD).NewUnreachable()
			k.printExn(padD, lpD, "  escaped")
			padD.NewCall(k.endCatch)

			afterC := invoke(padD, esc, padE)
			afterC.NewUnreachable()
			k.printExn(padE, lpE, "  escaped callee")
			k.caught(padE)

			rentry := run.NewBlock("")
			loop := run.NewBlock("loop")
			done := run.NewBlock("done")
			rentry.NewBr(loop)
			phi := loop.NewPhi(ir.NewIncoming(i32(0), rentry))
			loop.NewCall(once, phi)
			next := loop.NewAdd(phi, i32(1))
			phi.Incs = append(phi.Incs, ir.NewIncoming(next, loop))
			loop.NewCondBr(loop.NewICmp(enum.IPredSLT, next, i32(40)), loop, done)
			k.printf(done, "done\n")
			done.NewRet(nil)
		},
		stdout: func() string {
			var b strings.Builder
			for i := 0; i < 40; i++ {
				fmt.Fprintf(&b, "%d: handling 19\n  inner caught 20 second\n  still handling 19 first\n"+
					"  escaped 20 second\n  escaped callee 20 second\n", i)
			}
			return b.String() + "done\n"
		}(),
	},
	{
		// One landing pad, clauses {19, 20, all}: the selector picks the
		// branch through llvm.eh.typeid.for.
		name: "selector",
		build: func(k *ehKernel, run *ir.Func) {
			raisers := map[int64]*ir.Func{
				idValueError:        k.raiser("raise_value", idValueError, 1, 1, "v"),
				idZeroDivisionError: k.raiser("raise_zero", idZeroDivisionError, 1, 1, "z"),
				idIndexError:        k.raiser("raise_index", idIndexError, 1, 1, "i"),
			}
			which := ir.NewParam("which", types.I32)
			d := k.fn("dispatch", which)
			entry := d.NewBlock("")
			pad, lp := k.pad(d, "pad", false, idValueError, idZeroDivisionError, -1)
			sel := pad.NewExtractValue(lp, 1)
			b19, not19 := d.NewBlock("b19"), d.NewBlock("not19")
			b20, other := d.NewBlock("b20"), d.NewBlock("other")
			pad.NewCondBr(pad.NewICmp(enum.IPredEQ, sel, pad.NewCall(k.typeid, k.typeinfo(idValueError))), b19, not19)
			not19.NewCondBr(not19.NewICmp(enum.IPredEQ, sel, not19.NewCall(k.typeid, k.typeinfo(idZeroDivisionError))), b20, other)
			k.printExn(b19, lp, "branch 19:")
			k.caught(b19)
			k.printExn(b20, lp, "branch 20:")
			k.caught(b20)
			k.printExn(other, lp, "branch other:")
			k.caught(other)

			cur := entry
			for _, id := range []int64{idValueError, idZeroDivisionError} {
				yes, no := d.NewBlock(""), d.NewBlock("")
				cur.NewCondBr(cur.NewICmp(enum.IPredEQ, which, i32(id)), yes, no)
				invoke(yes, raisers[id], pad).NewRet(nil)
				cur = no
			}
			invoke(cur, raisers[idIndexError], pad).NewRet(nil)

			b := run.NewBlock("")
			for _, id := range []int64{idZeroDivisionError, idValueError, idIndexError, idValueError} {
				b.NewCall(d, i32(id))
			}
			b.NewRet(nil)
		},
		stdout: "branch 20: 20 z\nbranch 19: 19 v\nbranch other: 11 i\nbranch 19: 19 v\n",
	},
	{
		// Uncaught through two cleanups: both run (Python's finally), then
		// the report names the original raise site.
		name: "uncaught-after-cleanup",
		build: func(k *ehKernel, run *ir.Func) {
			raise := k.raiser("raise_value", idValueError, 42, 9, "escaped \"finally\"")
			mid := k.fn("middle")
			mentry := mid.NewBlock("")
			mpad, mlp := k.pad(mid, "cleanup", true)
			invoke(mentry, raise, mpad).NewRet(nil)
			k.printExn(mpad, mlp, "cleanup middle")
			mpad.NewResume(mlp)

			entry := run.NewBlock("")
			pad, lp := k.pad(run, "cleanup", true)
			invoke(entry, mid, pad).NewRet(nil)
			k.printf(pad, "cleanup run\n")
			pad.NewResume(lp)
		},
		code:   ExitException,
		stdout: "cleanup middle 19 escaped \"finally\"\ncleanup run\n",
		exn: &Exception{ID: idValueError, Name: "ValueError", File: "test.py", Line: 42, Column: 9,
			Function: "raise_value", Message: "escaped \"finally\"", Params: [3]int64{119, 42, -1}},
	},
	{
		// Re-raising: a bare raise (__artiq_resume) and __artiq_raise of
		// the pointer the landing pad got keep the exception's storage.
		name: "reraise",
		build: func(k *ehKernel, run *ir.Func) {
			raise := k.raiser("raise_value", idValueError, 5, 2, "again")
			seen := k.m.NewGlobalDef("t.k.seen", constant.NewNull(types.I8Ptr))
			seen.Visibility = enum.VisibilityHidden

			bare := k.fn("bare")
			bentry := bare.NewBlock("")
			bpad, blp := k.pad(bare, "pad", false, idValueError)
			invoke(bentry, raise, bpad).NewRet(nil)
			bpad.NewStore(bpad.NewExtractValue(blp, 0), seen)
			k.printExn(bpad, blp, "bare raise of")
			bpad.NewCall(k.resume)
			bpad.NewUnreachable()

			ptr := k.fn("pointer")
			pentry := ptr.NewBlock("")
			ppad, plp := k.pad(ptr, "pad", false, idValueError)
			invoke(pentry, raise, ppad).NewRet(nil)
			ppad.NewStore(ppad.NewExtractValue(plp, 0), seen)
			k.printExn(ppad, plp, "raise pointer of")
			ppad.NewCall(k.raise, ppad.NewBitCast(ppad.NewExtractValue(plp, 0), types.NewPointer(k.exn)))
			ppad.NewUnreachable()

			b := run.NewBlock("")
			for _, f := range []*ir.Func{bare, ptr} {
				pad, lp := k.pad(run, "", false, idValueError)
				next := run.NewBlock("")
				b.NewInvoke(f, nil, next, pad)
				same := pad.NewICmp(enum.IPredEQ, pad.NewExtractValue(lp, 0), pad.NewLoad(types.I8Ptr, seen))
				k.printf(pad, "outer same=%d\n", pad.NewZExt(same, types.I32))
				k.printExn(pad, lp, "outer caught")
				pad.NewCall(k.endCatch)
				pad.NewBr(next)
				b = next
			}
			b.NewRet(nil)
		},
		stdout: "bare raise of 19 again\nouter same=1\nouter caught 19 again\n" +
			"raise pointer of 19 again\nouter same=1\nouter caught 19 again\n",
	},
}

type ehTools struct{ llc, lld string }

func needEHTools(t *testing.T) ehTools {
	t.Helper()
	needTools(t)
	var tl ehTools
	for _, x := range []struct {
		p    *string
		name string
	}{{&tl.llc, "llc-14"}, {&tl.lld, "ld.lld-14"}} {
		p, err := exec.LookPath(x.name)
		if err != nil {
			t.Skipf("%s not in PATH", x.name)
		}
		*x.p = p
	}
	return tl
}

// buildEHKernel compiles and links the kernel of c for tg.
func buildEHKernel(t *testing.T, tl ehTools, tg *target.Target, c ehCase) string {
	t.Helper()
	k := newEHKernel(tg)
	run := k.fn("run")
	c.build(k, run)
	dir := t.TempDir()
	ctx := context.Background()
	obj := filepath.Join(dir, "t.k.o")
	if err := object.RunLLC(ctx, tl.llc, tg, []byte(k.m.String()), obj); err != nil {
		t.Fatalf("llc: %v\n%s", err, k.m)
	}
	data, err := os.ReadFile(obj)
	if err != nil {
		t.Fatal(err)
	}
	man := &object.Manifest{Module: "t.k", Target: tg.Name,
		Interface: object.InterfaceHash([]byte("kernel-interface 1\nmodule t.k\n"))}
	text, err := man.MarshalText()
	if err != nil {
		t.Fatal(err)
	}
	archive := filepath.Join(dir, "t.k.a")
	err = object.WriteArchive(archive, []object.Member{
		{Name: object.MemberName("t.k"), Data: data},
		{Name: object.ManifestMember, Data: text},
	})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "k.elf")
	err = link.Link(ctx, link.Options{Target: tg, Entry: "t.k.run", Archives: []string{archive},
		LLC: tl.llc, LLD: tl.lld, Out: out})
	if err != nil {
		t.Fatalf("link: %v", err)
	}
	return out
}

func TestUnwind(t *testing.T) {
	tl := needEHTools(t)
	for _, name := range RuntimeTargets() {
		tg, err := target.Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		runtimeFor(t, name) // build before the parallel subtests
		for _, c := range ehCases {
			c := c
			t.Run(name+"/"+c.name, func(t *testing.T) {
				t.Parallel()
				elf := buildEHKernel(t, tl, tg, c)
				r := simulate(t, name, elf, "csv")
				if r.err != nil || r.code != c.code {
					t.Fatalf("exit %d (want %d), err %v\nstdout:\n%s\nstderr:\n%s", r.code, c.code, r.err, r.stdout, r.stderr)
				}
				if r.stdout != c.stdout {
					t.Errorf("stdout:\n%s\nwant:\n%s", r.stdout, c.stdout)
				}
				if c.exn == nil {
					if r.exn != nil {
						t.Errorf("unexpected exception %+v", r.exn)
					}
					if r.stderr != "" {
						t.Errorf("stderr: %s", r.stderr)
					}
					return
				}
				if r.exn == nil || *r.exn != *c.exn {
					t.Errorf("exception = %+v, want %+v", r.exn, c.exn)
				}
			})
		}
	}
}
