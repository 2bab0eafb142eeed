# ARTIQ's legacy spellings in kernel signatures: the annotations of
# artiq.language.types (TInt32, TInt64, TFloat, TBool, TStr, TNone,
# TList(T), TTuple([...])), @kernel and @portable with flags, and the
# units of artiq.language.units.
from artiq.language.core import kernel, portable
from artiq.language.types import TNone, TBool, TInt32, TInt64, TFloat, TStr, TList, TTuple
from artiq.language.units import ps, ns, us, ms, s, mHz, Hz, kHz, MHz, GHz, mV, V, dB


@kernel(flags={"fast-math"})
def scale(xs: TList(TFloat), k: TFloat) -> TList(TFloat):
    return [x * k for x in xs]


@portable
def pair(a: TInt32, b: TInt64) -> TTuple([TInt32, TInt64]):
    return (a, b + a)


@kernel
def describe(flag: TBool, name: TStr) -> TStr:
    if flag:
        return name + "!"
    return name


@kernel
def nothing() -> TNone:
    pass


@portable
def clamp(x, lo, hi):
    return min(max(x, lo), hi)


@kernel
def total(xs: TList(TInt32)) -> TInt64:
    t = int64(0)
    for x in xs:
        t += x
    return t


print(scale([1.0, 2.5], 2.0))
print(pair(3, int64(1) << 40))
print(describe(True, "rabi"), describe(False, "x"))
print(nothing())
print(clamp(5, 0, 3), clamp(-1.5, 0.0, 1.0))
print(total([1, 2, 3]), total([]))
print(1*ps, 250*ns, 2*us + 3*ms, 1*s)
print(5*mHz, 10*Hz, 2*kHz, 80*MHz, 1*GHz)
print(100*mV, 2*V, 3*dB)
