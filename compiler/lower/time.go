package lower

import (
	"github.com/llir/llvm/ir"
	"github.com/llir/llvm/ir/constant"
	"github.com/llir/llvm/ir/enum"
	irtypes "github.com/llir/llvm/ir/types"
	"github.com/llir/llvm/ir/value"

	"github.com/rules-artiq/rules_artiq/compiler/syntax"
)

// The RTIO time cursor. On RISC-V it is the firmware's `now` data symbol:
// the high word at `now`, the low word at `now + NowLoOffset`; writes are
// sequentially consistent, high word first, so the gateware never sees a
// torn value. On Cortex-A9 kernels call the firmware's functions instead.

func (l *lowerer) nowGlobal() *ir.Global {
	if g, ok := l.globals["now"]; ok {
		return g
	}
	g := l.m.NewGlobal("now", irtypes.I32)
	g.Linkage = enum.LinkageExternal
	l.globals["now"] = g
	return g
}

func (l *lowerer) nowWords() (hi, lo value.Value) {
	g := l.nowGlobal()
	hi = g
	lo = l.cur.NewGetElementPtr(irtypes.I32, g, constant.NewInt(irtypes.I32, int64(l.target.NowLoOffset/4)))
	return hi, lo
}

func (l *lowerer) nowMu() value.Value {
	if !l.target.NowInMemory {
		return l.cur.NewCall(l.external("now_mu", irtypes.I64, false))
	}
	hiP, loP := l.nowWords()
	hiL := l.cur.NewLoad(irtypes.I32, hiP)
	hiL.Atomic, hiL.Ordering, hiL.Align = true, enum.AtomicOrderingSequentiallyConsistent, 4
	loL := l.cur.NewLoad(irtypes.I32, loP)
	loL.Atomic, loL.Ordering, loL.Align = true, enum.AtomicOrderingSequentiallyConsistent, 4
	hi := l.cur.NewShl(l.cur.NewZExt(hiL, irtypes.I64), constant.NewInt(irtypes.I64, 32))
	return l.cur.NewOr(hi, l.cur.NewZExt(loL, irtypes.I64))
}

func (l *lowerer) atMu(t value.Value) {
	if !l.target.NowInMemory {
		l.cur.NewCall(l.external("at_mu", irtypes.Void, false, irtypes.I64), t)
		return
	}
	hiP, loP := l.nowWords()
	hi := l.cur.NewTrunc(l.cur.NewLShr(t, constant.NewInt(irtypes.I64, 32)), irtypes.I32)
	lo := l.cur.NewTrunc(t, irtypes.I32)
	s1 := l.cur.NewStore(hi, hiP)
	s1.Atomic, s1.Ordering, s1.Align = true, enum.AtomicOrderingSequentiallyConsistent, 4
	s2 := l.cur.NewStore(lo, loP)
	s2.Atomic, s2.Ordering, s2.Align = true, enum.AtomicOrderingSequentiallyConsistent, 4
}

func (l *lowerer) delayMu(dt value.Value) {
	if !l.target.NowInMemory {
		l.cur.NewCall(l.external("delay_mu", irtypes.Void, false, irtypes.I64), dt)
		return
	}
	l.atMu(l.cur.NewAdd(l.nowMu(), dt))
}

// secondsToMu rounds to the nearest machine unit (half to even, like
// Python's round()).
func (l *lowerer) secondsToMu(s value.Value) value.Value {
	d := irtypes.Double
	mu := l.cur.NewFDiv(s, constant.NewFloat(d, RefPeriod))
	r := l.cur.NewCall(l.external("rint", d, false, d), mu)
	return l.cur.NewFPToSI(r, irtypes.I64)
}

// withStmt lowers `with parallel:` with NAC3's semantics: every statement
// of the block starts at the block's start time, and the block ends at the
// latest end. `with sequential:` is an ordinary block.
func (l *lowerer) withStmt(s *syntax.With) {
	if wi, ok := l.b.Withs[s]; ok {
		l.withObject(s, wi)
		return
	}
	if !l.b.Parallel[s] {
		l.stmts(s.Body)
		return
	}
	start := l.nowMu()
	end := l.entry.NewAlloca(irtypes.I64)
	l.cur.NewStore(start, end)
	for _, st := range s.Body {
		l.startDeadIfTerminated()
		l.atMu(start)
		l.stmt(st)
		if l.cur.Term != nil {
			continue
		}
		now := l.nowMu()
		prev := l.cur.NewLoad(irtypes.I64, end)
		later := l.cur.NewICmp(enum.IPredSGT, now, prev)
		l.cur.NewStore(l.cur.NewSelect(later, now, prev), end)
	}
	l.startDeadIfTerminated()
	l.atMu(l.cur.NewLoad(irtypes.I64, end))
}
