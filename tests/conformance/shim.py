"""Runs a standalone kernel program under CPython with the ARTIQ names the
kernel language provides, so that CPython serves as the oracle for the
language's semantics. The timeline that the program's RTIO calls produce is
written as the same CSV that `kernelc run --timeline` writes.

usage: python3 shim.py PROGRAM.py [TIMELINE.csv]
"""
import builtins
import math
import sys

_now = 0
_events = []


def kernel(f):
    return f


portable = kernel


def syscall(*args, **kwargs):
    if len(args) == 1 and callable(args[0]) and not kwargs:
        return args[0]
    return lambda f: f


def rpc(*args, **kwargs):
    return syscall(*args, **kwargs)


def _wrap(v, bits):
    v &= (1 << bits) - 1
    return v - (1 << bits) if v >> (bits - 1) else v


def int32(v):
    return _wrap(int(v), 32)


def int64(v):
    return _wrap(int(v), 64)


def now_mu():
    return _now


def at_mu(t):
    global _now
    _now = t


def delay_mu(dt):
    global _now
    _now += dt


def seconds_to_mu(s):
    return int(round(s / 1e-9))


def mu_to_seconds(mu):
    return mu * 1e-9


def delay(s):
    delay_mu(seconds_to_mu(s))


def rtio_output(target, data):
    _events.append((_now, target >> 8, target & 0xFF, int32(data)))


rtio_get_counter = now_mu


class _Sequential:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


sequential = _Sequential()
# A faithful `parallel` needs per-statement hooks that CPython does not
# give; programs that use it state their expected timeline explicitly.
parallel = _Sequential()

# NumPy-style arrays: NumPy itself, with ARTIQ's int32 for the integers
# that the kernel language types as int32 (NumPy's default is int64) and
# the kernel's int32/int64 accepted as dtypes. NumPy is imported only by
# programs that use it.
_numpy = None


def _np():
    global _numpy
    if _numpy is None:
        import numpy
        _numpy = numpy
        _patch_numpy(numpy)
    return _numpy


def _dtype(d):
    np = _np()
    return {int32: np.int32, int64: np.int64}.get(d, d)


def _is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def _patch_numpy(np):
    array, full, arange = np.array, np.full, np.arange
    zeros, ones = np.zeros, np.ones

    def _array(obj, dtype=None, **kw):
        a = array(obj, dtype=_dtype(dtype), **kw)
        if dtype is None and a.dtype == np.int64 and a.size and \
                -2**31 <= a.min() and a.max() < 2**31:
            a = a.astype(np.int32)
        return a

    def _full(shape, fill_value, dtype=None, **kw):
        if dtype is None and _is_int(fill_value):
            dtype = np.int32
        return full(shape, fill_value, dtype=_dtype(dtype), **kw)

    def _arange(*args, **kw):
        if "dtype" not in kw and all(_is_int(a) for a in args):
            kw["dtype"] = np.int32
        return arange(*args, **kw)

    np.array = _array
    np.full = _full
    np.arange = _arange
    np.zeros = lambda shape, dtype=float, **kw: zeros(shape, dtype=_dtype(dtype), **kw)
    np.ones = lambda shape, dtype=float, **kw: ones(shape, dtype=_dtype(dtype), **kw)


class _Array:
    """ARTIQ's array builtin: array(obj) makes one, array[T, n] annotates."""

    def __call__(self, obj, dtype=None):
        return _np().array(obj, dtype=dtype)

    def __getitem__(self, params):
        return _np().ndarray


array = _Array()


_names = dict(
    kernel=kernel, portable=portable, syscall=syscall, rpc=rpc, array=array,
    int32=int32, int64=int64, now_mu=now_mu, at_mu=at_mu, delay_mu=delay_mu,
    delay=delay, seconds_to_mu=seconds_to_mu, mu_to_seconds=mu_to_seconds,
    rtio_output=rtio_output, rtio_get_counter=rtio_get_counter,
    sequential=sequential, parallel=parallel,
    ns=1e-9, us=1e-6, ms=1e-3, s=1.0, Hz=1.0, kHz=1e3, MHz=1e6, GHz=1e9,
)


def _type_ctor(name):
    def ctor(*args):
        return (name, args)
    return ctor


def _decorator(*args, **kwargs):
    """@kernel, @kernel(flags={...}) and friends."""
    if len(args) == 1 and callable(args[0]) and not kwargs:
        return args[0]
    return lambda f: f


# ARTIQ's legacy spellings: decorators with flags, artiq.language.types
# and more units.
_legacy = dict(
    kernel=_decorator, portable=_decorator,
    TNone=None, TBool=bool, TInt32=int32, TInt64=int64, TFloat=float, TStr=str,
    TList=_type_ctor("TList"), TTuple=_type_ctor("TTuple"), TArray=_type_ctor("TArray"),
    TBytes=bytes, TByteArray=bytearray,
    ps=1e-12, mHz=1e-3, dB=1.0, uV=1e-6, mV=1e-3, V=1.0, kV=1e3,
    nA=1e-9, uA=1e-6, mA=1e-3, A=1.0, nW=1e-9, uW=1e-6, mW=1e-3, W=1.0,
)


def main():
    path = sys.argv[1]
    for k, v in _names.items():
        setattr(builtins, k, v)
    # `from artiq.experiment import *` resolves to the names above.
    mod = type(sys)("artiq.experiment")
    mod.__dict__.update(_names)
    sys.modules["artiq"] = type(sys)("artiq")
    sys.modules["artiq.experiment"] = mod
    # ... and so do ARTIQ's language modules (with the legacy names).
    for name in ("artiq.language", "artiq.language.core", "artiq.language.types",
                 "artiq.language.units"):
        m = type(sys)(name)
        m.__dict__.update(_names)
        m.__dict__.update(_legacy)
        sys.modules[name] = m
    with open(path) as f:
        source = f.read()
    if "numpy" in source:
        _np()  # the program's `import numpy` gets the patched module
    code = compile(source, path, "exec")
    status = 0
    try:
        exec(code, {"__name__": "__main__"})
    except Exception as e:  # the kernel's uncaught exception: exit 1
        sys.stdout.flush()
        print("%s: %s" % (type(e).__name__, e), file=sys.stderr)
        status = 1
    if len(sys.argv) > 2:
        with open(sys.argv[2], "w") as f:
            f.write("time_mu,channel,address,data\n")
            for ev in _events:
                f.write("%d,%d,%d,%d\n" % ev)
    sys.stdout.flush()
    sys.exit(status)


if __name__ == "__main__":
    main()
