"""The RPC host of the rules_artiq simulator.

The simulator runs a device ELF under qemu-riscv32; when the kernel calls a
host function (an RPC), the simulator runtime sends the call here, and this
process runs the function in CPython, as ARTIQ's host does, and sends the
result back. It is started by simulator.Run (simulator/rpc.go), embedded in
the Go binary, and needs nothing but the standard library.

usage: python3 host.py --tables TABLES.json [--program FILE.py --module M
                       [--display NAME]] [--path DIR]...
                       [--snapshot SNAP [--device-db FILE] [--datasets FILE]
                        [--arg NAME=VALUE]... [--datasets-out FILE]]

Descriptors: stdin (fd 0) carries the runtime's requests, fd 3 our replies,
fd 4 receives "ID NAME" lines naming the exceptions we raise into the
kernel (for the driver's reports). stdout and stderr are the run's: what
host functions print appears in order with what the kernel prints, because
every call flushes before it replies. The record formats are described in
simulator/runtime/rpc.c.

Finding the functions: the tables (written by the linker) map service
numbers to "module.function". A standalone program (`kernelc run FILE.py`,
--program) is a module whose top level is the kernel itself, so it is not
imported as such: only its definitions are executed -- `def`, `class`,
`import` and `from ... import` statements, and assignments of constant
expressions to names (literals, arithmetic, units, int32()/int64()) --
in a fresh module named M. Its kernel statements never run here, and the
kernel's changes to its module variables are not seen by host functions.
Other modules are imported normally from the --path roots, as ARTIQ's host
imports an experiment's modules.

The names ARTIQ's language provides (kernel, rpc, int32, units, ...) are
installed as builtins and as the modules artiq, artiq.experiment and
artiq.language (with artiq.language.environment: HasEnvironment,
EnvExperiment, the argument processors), so programs need no ARTIQ
installation; ARTIQ's other modules (artiq.coredevice.*) are imported
from the --path roots when they are there. Without NumPy, a small
stand-in `numpy` module (scalar types, array constructors as lists) lets
host code that imports it run.

Experiments (--snapshot). A kernel of an experiment calls methods of host
objects: `self.set_dataset(...)`, a host method of the experiment, a method
of a device or of another object reachable from the experiment. The
kernel sends the object first (tag 'O', its id in the tables' objects).
Here the objects are live Python objects, as in ARTIQ: the experiment
class (the snapshot's entry object's class) is imported from the --path
roots and constructed with a device manager, a dataset manager and an
argument manager, which runs its build() (then prepare()), as ARTIQ's
worker does; --device-db, --datasets and --arg give the same inputs the
snapshot was frozen from. The device manager serves the devices as the
snapshot froze them: an instance of the driver class (made without
running its constructor, which needs the hardware) when its module
imports, or a stand-in object, with the snapshot's attribute values; the
virtual devices scheduler and ccb are stand-ins. When the experiment
cannot be built here (its module or build() needs something that is not
installed), it is restored from the snapshot's values instead, with a
warning: attributes that only host code keeps are then missing.
Datasets that the experiment sets (set_dataset, append_to_dataset,
mutate_dataset, in build() or from kernels) are written to --datasets-out
as JSON when the kernel ends.
"""

import ast
import builtins
import importlib
import importlib.util
import json
import os
import struct
import sys
import traceback
import types

# ---------------------------------------------------------------------------
# The ARTIQ names a program may use on the host side.


def kernel(*args, **kwargs):
    if len(args) == 1 and callable(args[0]) and not kwargs:
        return args[0]
    return lambda f: f


portable = kernel
rpc = kernel
syscall = kernel
host_only = kernel


def _wrap(v, bits):
    v = int(v) & ((1 << bits) - 1)
    return v - (1 << bits) if v >> (bits - 1) else v


def int32(v=0):
    return _wrap(v, 32)


def int64(v=0):
    return _wrap(v, 64)


class _TimeStub:
    """now_mu() & co. have no meaning on the host; they keep a counter so
    that code shared with kernels still runs."""

    now = 0


def now_mu():
    return _TimeStub.now


def at_mu(t):
    _TimeStub.now = t


def delay_mu(dt):
    _TimeStub.now += dt


def seconds_to_mu(s):
    return int(round(s / 1e-9))


def mu_to_seconds(mu):
    return mu * 1e-9


def delay(s):
    delay_mu(seconds_to_mu(s))


class _Context:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def _type_stub(name):
    def f(*args, **kwargs):
        return name
    f.__name__ = name
    return f


class _ArrayName:
    """The kernel language's array: array(obj) is numpy.array(obj) and
    array[T, n] an annotation (NumPy is imported when one is used)."""

    def __call__(self, *args, **kwargs):
        return _numpy().array(*args, **kwargs)

    def __getitem__(self, params):
        return _numpy().ndarray


class RTIOUnderflow(Exception):
    pass


class RTIOOverflow(Exception):
    pass


class RTIODestinationUnreachable(Exception):
    pass


class DMAError(Exception):
    pass


class I2CError(Exception):
    pass


class CacheError(Exception):
    pass


class SPIError(Exception):
    pass


class SubkernelError(Exception):
    pass


class LinAlgError(Exception):
    pass


class UnwrapNoneError(Exception):
    pass


NAMES = dict(
    kernel=kernel, portable=portable, rpc=rpc, syscall=syscall, host_only=host_only,
    int32=int32, int64=int64, now_mu=now_mu, at_mu=at_mu, delay_mu=delay_mu,
    delay=delay, seconds_to_mu=seconds_to_mu, mu_to_seconds=mu_to_seconds,
    rtio_get_counter=now_mu, sequential=_Context(), parallel=_Context(),
    TNone=None, TBool=bool, TInt32=int32, TInt64=int64, TFloat=float, TStr=str,
    TList=_type_stub("TList"), TTuple=_type_stub("TTuple"), TArray=_type_stub("TArray"),
    TBytes=bytes, TByteArray=bytearray, array=_ArrayName(),
    RTIOUnderflow=RTIOUnderflow, RTIOOverflow=RTIOOverflow,
    RTIODestinationUnreachable=RTIODestinationUnreachable, DMAError=DMAError,
    I2CError=I2CError, CacheError=CacheError, SPIError=SPIError,
    SubkernelError=SubkernelError,
    ns=1e-9, us=1e-6, ms=1e-3, s=1.0, Hz=1.0, kHz=1e3, MHz=1e6, GHz=1e9,
)

# The rest of artiq.language.units: in the artiq modules only (not builtins).
UNITS = dict(
    ps=1e-12, mHz=1e-3, dB=1.0, uV=1e-6, mV=1e-3, V=1.0, kV=1e3,
    nA=1e-9, uA=1e-6, mA=1e-3, A=1.0, nW=1e-9, uW=1e-6, mW=1e-3, W=1.0,
)


# ---------------------------------------------------------------------------
# artiq.language.environment, host side (ARTIQ's semantics, a subset).


class NoDefault:
    """The default of a dataset or argument that has none."""


class DefaultMissing(Exception):
    pass


class _Processor:
    def __init__(self, default=NoDefault, **options):
        self.default_value = default
        self.options = options

    def default(self):
        if self.default_value is NoDefault:
            raise DefaultMissing
        return self.process(self.default_value)

    def process(self, x):
        return x


class NumberValue(_Processor):
    def __init__(self, default=NoDefault, unit="", *, scale=None, step=None, min=None,
                 max=None, precision=2, type="auto", ndecimals=None, **kwargs):
        if ndecimals is not None:
            precision = ndecimals
        if scale is None:
            scale = dict(NAMES, **UNITS).get(unit, 1.0) if unit else 1.0
        if step is None:
            step = scale / 10.0
        self.type = type
        self.precision = precision
        self.step = step
        _Processor.__init__(self, default, unit=unit, scale=scale, step=step, min=min,
                            max=max, precision=precision, type=type)

    def _is_int(self):
        return self.type == "int" or (self.type == "auto" and self.precision == 0
                                      and float(self.step).is_integer())

    def process(self, x):
        return int(x) if self._is_int() else float(x)


class BooleanValue(_Processor):
    pass


class StringValue(_Processor):
    pass


class EnumerationValue(_Processor):
    def __init__(self, choices, default=NoDefault, **kwargs):
        _Processor.__init__(self, default, choices=choices)


class PYONValue(_Processor):
    pass


class HasEnvironment:
    """Provides methods to manage the environment of an experiment
    (arguments, devices, datasets)."""

    def __init__(self, managers_or_parent, *args, **kwargs):
        self.children = []
        if isinstance(managers_or_parent, tuple):
            mgrs = tuple(managers_or_parent) + (None,) * (4 - len(managers_or_parent))
            self.__device_mgr, self.__dataset_mgr, self.__argument_mgr = mgrs[:3]
            self.__scheduler_defaults = mgrs[3] if mgrs[3] is not None else {}
        else:
            parent = managers_or_parent
            self.__device_mgr = parent._HasEnvironment__device_mgr
            self.__dataset_mgr = parent._HasEnvironment__dataset_mgr
            self.__argument_mgr = parent._HasEnvironment__argument_mgr
            self.__scheduler_defaults = {}
            parent.register_child(self)
        self.build(*args, **kwargs)

    def register_child(self, child):
        self.children.append(child)

    def call_child_method(self, method, *args, **kwargs):
        for child in self.children:
            try:
                child_method = getattr(child, method)
            except AttributeError:
                pass
            else:
                child_method(*args, **kwargs)

    def build(self):
        pass

    def get_argument(self, key, processor, group=None, tooltip=None):
        return self.__argument_mgr.get(key, processor)

    def setattr_argument(self, key, processor=None, group=None, tooltip=None):
        setattr(self, key, self.get_argument(key, processor, group, tooltip))

    def get_device_db(self):
        return self.__device_mgr.get_device_db()

    def get_device(self, key):
        return self.__device_mgr.get(key)

    def setattr_device(self, key):
        setattr(self, key, self.get_device(key))

    def set_dataset(self, key, value, broadcast=False, persist=False, archive=True,
                    save=None, *, unit=None, scale=None, precision=None):
        if save is not None:
            archive = save
        self.__dataset_mgr.set(key, value, broadcast, persist, archive)

    def mutate_dataset(self, key, index, value):
        self.__dataset_mgr.mutate(key, index, value)

    def append_to_dataset(self, key, value):
        self.__dataset_mgr.append_to(key, value)

    def get_dataset(self, key, default=NoDefault, archive=True):
        try:
            return self.__dataset_mgr.get(key, archive)
        except KeyError:
            if default is NoDefault:
                raise
            return default

    def setattr_dataset(self, key, default=NoDefault, archive=True):
        setattr(self, key, self.get_dataset(key, default, archive))

    def set_default_scheduling(self, priority=None, pipeline_name=None, flush=None):
        if priority is not None:
            self.__scheduler_defaults["priority"] = int(priority)
        if pipeline_name is not None:
            self.__scheduler_defaults["pipeline_name"] = pipeline_name
        if flush is not None:
            self.__scheduler_defaults["flush"] = flush


class Experiment:
    def prepare(self):
        pass

    def run(self):
        raise NotImplementedError

    def analyze(self):
        pass


class EnvExperiment(Experiment, HasEnvironment):
    def prepare(self):
        self.call_child_method("prepare")

    def analyze(self):
        self.call_child_method("analyze")


class TerminationRequested(Exception):
    pass


ENV_NAMES = dict(
    NoDefault=NoDefault, DefaultMissing=DefaultMissing, NumberValue=NumberValue,
    BooleanValue=BooleanValue, StringValue=StringValue, EnumerationValue=EnumerationValue,
    PYONValue=PYONValue, HasEnvironment=HasEnvironment, Experiment=Experiment,
    EnvExperiment=EnvExperiment, TerminationRequested=TerminationRequested,
)
for _n in ("KernelInvariant", "Kernel"):  # annotations: KernelInvariant[int32]
    ENV_NAMES[_n] = type(_n, (), {"__class_getitem__": classmethod(lambda cls, t: cls)})


def _numpy_standin():
    """A stand-in for NumPy when it is not installed: the scalar types and
    the array constructors (as lists), enough for host code that imports
    it to run."""
    np = types.ModuleType("numpy")
    np.__rules_artiq_standin__ = True
    np.int32, np.int64 = int32, int64
    np.int_ = np.integer = int
    np.float64 = np.float_ = np.float32 = np.floating = float
    np.bool_ = bool
    np.ndarray = list
    np.nan, np.inf = float("nan"), float("inf")
    import math as _m
    for name in ("sqrt", "exp", "log", "log10", "sin", "cos", "tan", "floor", "ceil",
                 "pi", "e", "isnan", "isinf"):
        setattr(np, name, getattr(_m, name))

    def _full(shape, value):
        if isinstance(shape, int):
            return [value] * shape
        shape = tuple(shape)
        if len(shape) == 1:
            return [value] * shape[0]
        return [_full(shape[1:], value) for _ in range(shape[0])]

    np.zeros = lambda shape, dtype=float: _full(shape, dtype(0))
    np.ones = lambda shape, dtype=float: _full(shape, dtype(1))
    np.full = lambda shape, value, dtype=None: _full(shape, value)
    np.empty = np.zeros
    np.array = lambda x, dtype=None: list(x) if dtype is None else [dtype(v) for v in x]
    np.asarray = np.array

    def linspace(start, stop, num=50, endpoint=True):
        if num == 1:
            return [float(start)]
        div = (num - 1) if endpoint else num
        return [start + (stop - start) * i / div for i in range(num)]
    np.linspace = linspace

    def arange(start, stop=None, step=1):
        if stop is None:
            start, stop = 0, start
        out, x = [], start
        while (step > 0 and x < stop) or (step < 0 and x > stop):
            out.append(x)
            x += step
        return out
    np.arange = arange
    return np


def install_names():
    for k, v in NAMES.items():
        setattr(builtins, k, v)
    artiq = types.ModuleType("artiq")
    artiq.__path__ = []  # filled with the --path roots' artiq/ (main)
    sys.modules["artiq"] = artiq
    names = dict(NAMES, **UNITS, **ENV_NAMES)
    for name in ("artiq.experiment", "artiq.language", "artiq.language.core",
                 "artiq.language.types", "artiq.language.units",
                 "artiq.language.environment"):
        m = types.ModuleType(name)
        m.__dict__.update(names)
        sys.modules[name] = m
    artiq.experiment = sys.modules["artiq.experiment"]
    artiq.language = sys.modules["artiq.language"]
    for sub in ("core", "types", "units", "environment"):
        setattr(artiq.language, sub, sys.modules["artiq.language." + sub])
    try:
        import numpy  # noqa: F401
    except ImportError:
        sys.modules["numpy"] = _numpy_standin()


# ---------------------------------------------------------------------------
# Loading the program's definitions.

_CONST_CALLS = {"int32", "int64", "int", "float", "bool", "str"}


def _constant_expr(node):
    for n in ast.walk(node):
        if isinstance(n, ast.Call):
            if not (isinstance(n.func, ast.Name) and n.func.id in _CONST_CALLS and not n.keywords):
                return False
        elif not isinstance(n, (ast.expr_context, ast.Constant, ast.Name, ast.BinOp,
                                ast.UnaryOp, ast.BoolOp, ast.operator, ast.unaryop,
                                ast.boolop, ast.Tuple, ast.List)):
            return False
    return True


def _definition(stmt):
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef,
                         ast.Import, ast.ImportFrom)):
        return True
    if isinstance(stmt, ast.Assign):
        return all(isinstance(t, ast.Name) for t in stmt.targets) and _constant_expr(stmt.value)
    if isinstance(stmt, ast.AnnAssign):
        return (isinstance(stmt.target, ast.Name) and stmt.value is not None
                and _constant_expr(stmt.value))
    return False


def load_program(path, display, module):
    """Executes the definitions of a standalone program as module `module`."""
    with open(path, "rb") as f:
        source = f.read()
    tree = ast.parse(source, display)
    mod = types.ModuleType(module)
    mod.__file__ = display
    sys.modules[module] = mod
    for stmt in tree.body:
        if not _definition(stmt):
            continue
        code = compile(ast.Module(body=[stmt], type_ignores=[]), display, "exec")
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            try:
                exec(code, mod.__dict__)
            except Exception:
                pass  # a constant that needs kernel values: not the host's
        else:
            exec(code, mod.__dict__)
    return mod


# ---------------------------------------------------------------------------
# Tags and values.


class Tag:
    __slots__ = ("kind", "elts", "ndims")

    def __init__(self, kind, elts=(), ndims=0):
        self.kind = kind
        self.elts = elts
        self.ndims = ndims  # of an array

    def __str__(self):
        k = self.kind
        if k == "l":
            return "list[%s]" % self.elts[0]
        if k == "a":
            return "array[%s, %d]" % (self.elts[0], self.ndims)
        if k == "r":
            return "range"
        if k == "t":
            return "tuple[%s]" % ", ".join(str(e) for e in self.elts)
        if k == "k":
            return str(self.elts[0])
        return {"n": "None", "b": "bool", "i": "int32", "I": "int64", "f": "float",
                "s": "str", "B": "bytes", "A": "bytearray", "O": "host object"}.get(k, k)


def parse_tag(data, i=0):
    k = chr(data[i])
    i += 1
    if k in "lrk":
        e, i = parse_tag(data, i)
        return Tag(k, (e,)), i
    if k == "a":
        n = data[i]
        e, i = parse_tag(data, i + 1)
        return Tag(k, (e,), n), i
    if k == "t":
        n = data[i]
        i += 1
        elts = []
        for _ in range(n):
            e, i = parse_tag(data, i)
            elts.append(e)
        return Tag(k, tuple(elts)), i
    if k in "nbiIfsBAO":
        return Tag(k), i
    raise ValueError("unsupported tag %r" % k)


_tags = {}


def parse_call_tag(data):
    """Returns (argument tags, return tag) of a call's tag."""
    cached = _tags.get(data)
    if cached is None:
        args, i = [], 0
        while data[i] != ord(":"):
            t, i = parse_tag(data, i)
            args.append(t)
        ret, i = parse_tag(data, i + 1)
        cached = _tags[data] = (args, ret)
    return cached


class Reader:
    def __init__(self, data):
        self.data = data
        self.pos = 0

    def take(self, n):
        if self.pos + n > len(self.data):
            raise ValueError("truncated request")
        b = self.data[self.pos:self.pos + n]
        self.pos += n
        return b

    def unpack(self, fmt):
        return struct.unpack("<" + fmt, self.take(struct.calcsize("<" + fmt)))[0]


def decode(tag, r):
    k = tag.kind
    if k == "n":
        return None
    if k == "b":
        return bool(r.unpack("B"))
    if k == "i":
        return r.unpack("i")
    if k == "I":
        return r.unpack("q")
    if k == "f":
        return r.unpack("d")
    if k == "s":
        return r.take(r.unpack("I")).decode("utf-8", errors="surrogateescape")
    if k == "B":
        return bytes(r.take(r.unpack("I")))
    if k == "A":
        return bytearray(r.take(r.unpack("I")))
    if k == "l":
        return [decode(tag.elts[0], r) for _ in range(r.unpack("I"))]
    if k == "t":
        return tuple(decode(e, r) for e in tag.elts)
    if k == "a":
        np = _numpy()
        shape = tuple(r.unpack("I") for _ in range(tag.ndims))
        count = 1
        for d in shape:
            count *= d
        elts = [decode(tag.elts[0], r) for _ in range(count)]
        return np.array(elts, dtype=_dtypes[tag.elts[0].kind]).reshape(shape)
    if k == "r":
        e = tag.elts[0]
        return range(decode(e, r), decode(e, r), decode(e, r))
    if k == "O":
        return HOST.host_object(r.unpack("I"))
    raise ValueError("unsupported tag %s" % k)


# The NumPy dtypes of array elements, by tag.
_dtypes = {"i": "int32", "I": "int64", "f": "float64", "b": "bool"}


def _numpy():
    """NumPy, which arrays need (imported when one crosses)."""
    try:
        import numpy
    except ImportError:
        raise HostError("TypeError", "arrays cross to the host as NumPy arrays, but this python3 (%s) "
                        "has no NumPy: install it (Debian: python3-numpy)" % sys.executable)
    return numpy


class HostError(Exception):
    """A failed call that is not the host function's own exception: a
    result that the kernel's signature does not allow (ARTIQ's
    RPCReturnValueError) or a function the host cannot find. It reaches the
    kernel as the named built-in exception."""

    def __init__(self, kernel_exn, message):
        super().__init__(message)
        self.kernel_exn = kernel_exn


def _mismatch(value, tag, what):
    return HostError(
        "TypeError", "%s returned %r (%s), but the kernel expects %s" % (
            what, value, type(value).__name__, tag))


def _is_int(v):
    if isinstance(v, bool):
        return False
    if isinstance(v, int):
        return True
    try:  # NumPy integers, without importing NumPy
        import numbers
        return isinstance(v, numbers.Integral)
    except ImportError:
        return False


def encode(out, tag, v, what):
    k = tag.kind
    if k == "n":
        if v is not None:
            raise HostError(
                "TypeError", "%s returned %r, but the kernel expects None: annotate the "
                "function's return type (e.g. -> int32) to return a value" % (what, v))
    elif k == "b":
        if not isinstance(v, bool) and type(v).__name__ != "bool_":
            raise _mismatch(v, tag, what)
        out.append(struct.pack("<B", 1 if v else 0))
    elif k in "iI":
        if not _is_int(v):
            raise _mismatch(v, tag, what)
        bits = 32 if k == "i" else 64
        v = int(v)
        if not -(1 << (bits - 1)) <= v < (1 << (bits - 1)):
            raise HostError("OverflowError", "%s returned %d, which does not fit in %s" % (what, v, tag))
        out.append(struct.pack("<i" if k == "i" else "<q", v))
    elif k == "f":
        if not (isinstance(v, float) or _is_int(v) or type(v).__name__.startswith("float")):
            raise _mismatch(v, tag, what)
        out.append(struct.pack("<d", float(v)))
    elif k in "sBA":
        if k == "s" and isinstance(v, str):
            b = v.encode("utf-8", errors="surrogateescape")
        elif k != "s" and isinstance(v, (bytes, bytearray)):
            b = bytes(v)
        else:
            raise _mismatch(v, tag, what)
        out.append(struct.pack("<I", len(b)))
        out.append(b)
    elif k == "l":
        if not isinstance(v, list):
            raise _mismatch(v, tag, what)
        out.append(struct.pack("<I", len(v)))
        for x in v:
            encode(out, tag.elts[0], x, what)
    elif k == "t":
        if not isinstance(v, tuple) or len(v) != len(tag.elts):
            raise _mismatch(v, tag, what)
        for e, x in zip(tag.elts, v):
            encode(out, e, x, what)
    elif k == "a":
        np = _numpy()
        if not isinstance(v, (np.ndarray, list, tuple)):
            raise _mismatch(v, tag, what)
        try:
            a = np.asarray(v)
        except ValueError:
            raise _mismatch(v, tag, what)
        if a.ndim != tag.ndims or a.dtype.kind not in "biuf" or \
                (a.dtype.kind == "f" and tag.elts[0].kind != "f") or \
                (a.dtype.kind == "b" and tag.elts[0].kind != "b"):
            raise _mismatch(v, tag, what)
        for d in a.shape:
            out.append(struct.pack("<I", d))
        for x in a.flat:
            encode(out, tag.elts[0], x.item(), what)
    elif k == "r":
        if not isinstance(v, range):
            raise _mismatch(v, tag, what)
        for x in (v.start, v.stop, v.step):
            encode(out, tag.elts[0], x, what)
    else:
        raise HostError("TypeError", "%s: return tag %s is not supported" % (what, k))


# ---------------------------------------------------------------------------
# Experiments: the host objects that kernels call methods of.


class SnapshotObject:
    __slots__ = ("id", "cls", "attrs")

    def __init__(self, oid, cls):
        self.id, self.cls, self.attrs = oid, cls, {}


def _split_top(s):
    """Splits a type's arguments at top-level commas."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(s):
        if ch == "<":
            depth += 1
        elif ch == ">":
            depth -= 1
        elif ch == "," and depth == 0:
            out.append(s[start:i])
            start = i + 1
    out.append(s[start:])
    return [x for x in out if x != ""]


def parse_type(s):
    """A snapshot type (docs/snapshot.md) as (kind, args)."""
    if "<" in s:
        head, inner = s[:s.index("<")], s[s.index("<") + 1:-1]
        if head in ("list", "tuple"):
            return (head, [parse_type(a) for a in _split_top(inner)])
        if head == "array":
            elem, dims = _split_top(inner)
            return ("array", (elem, int(dims)))
        if head == "ref":
            return ("ref", inner)
    return (s, None)


class _ValueReader:
    """Reads a snapshot value of a known type."""

    def __init__(self, text):
        self.t, self.i = text, 0

    def expect(self, lit):
        if not self.t.startswith(lit, self.i):
            raise ValueError("snapshot value: expected %r at %r" % (lit, self.t[self.i:self.i + 20]))
        self.i += len(lit)

    def token(self):
        j = self.i
        depth = 0
        while j < len(self.t):
            ch = self.t[j]
            if ch == "[" and j > self.i:
                depth += 1
            elif ch == "]" and depth > 0:
                depth -= 1
            elif ch in ",)] " and depth == 0:
                break
            j += 1
        tok, self.i = self.t[self.i:j], j
        return tok

    def string(self):
        v, end = json.JSONDecoder().raw_decode(self.t, self.i)
        self.i = end
        return v

    def seq(self, open_, close, read):
        self.expect(open_)
        out = []
        while not self.t.startswith(close, self.i):
            out.append(read())
            if self.t.startswith(", ", self.i):
                self.i += 2
            elif self.t.startswith(",", self.i):
                self.i += 1
        self.expect(close)
        return out

    def value(self, typ):
        kind, args = typ
        if kind == "none":
            self.expect("None")
            return None
        if kind == "bool":
            return self.token() == "True"
        if kind in ("int32", "int64"):
            return int(self.token())
        if kind == "float":
            return float(self.token())
        if kind in ("str", "opaque"):
            return self.string()
        if kind == "ref":
            return ("ref", self.token())
        if kind == "list":
            return self.seq("[", "]", lambda: self.value(args[0]))
        if kind == "tuple":
            elems = iter(args)
            return tuple(self.seq("(", ")", lambda: self.value(next(elems))))
        if kind == "array":
            elem, _ = args
            shape = tuple(self.seq("(", ")", lambda: int(self.token())))
            self.expect(" ")
            if self.t.startswith("base64:", self.i):
                import base64
                raw = base64.b64decode(self.t[self.i + 7:])
                self.i = len(self.t)
                fmt = {"bool": "?", "int32": "i", "int64": "q", "float": "d"}[elem]
                n = len(raw) // struct.calcsize(fmt)
                flat = list(struct.unpack("<%d%s" % (n, fmt), raw))
            else:
                scalar = ("bool" if elem == "bool" else "int32" if elem.startswith("int") else "float", None)
                flat = self.seq("[", "]", lambda: self.value(scalar))
            return ("array", shape, flat)
        raise ValueError("snapshot value of unknown type %s" % kind)


def read_snapshot(path):
    """Reads a snapshot file (docs/snapshot.md): objects by id."""
    objs, entry = {}, ("self", "run")
    cur = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("entry "):
                obj, _, meth = line[6:].rpartition(".")
                entry = (obj, meth)
            elif line.startswith("object "):
                _, oid, cls = line.split(" ", 2)
                cur = objs[oid] = SnapshotObject(oid, cls)
            elif line.startswith("attr ") and cur is not None:
                rest = line[5:]
                key, _, rest = rest.partition(" ")
                name = key[len(cur.id) + 1:]
                if rest.startswith("invariant "):
                    rest = rest[len("invariant "):]
                typ, _, text = rest.partition(" ")
                try:
                    cur.attrs[name] = _ValueReader(text).value(parse_type(typ))
                except Exception:
                    pass  # a value host code cannot use (kept as missing)
    return objs, entry


class Opaque:
    """A host value that the snapshot did not record (its description)."""

    def __init__(self, description):
        self.description = description

    def __repr__(self):
        return "<host value %s, not in the snapshot>" % self.description


class StandIn:
    """A host object whose class cannot be imported here: the snapshot's
    attributes, and the class's name."""

    def __init__(self, cls):
        self.__dict__["_rules_artiq_class"] = cls

    def __repr__(self):
        return "<%s (stand-in)>" % self._rules_artiq_class

    def __getattr__(self, name):
        raise AttributeError("%s has no attribute %r here: the RPC host has only the "
                             "snapshot's attributes of this %s (its class could not be "
                             "imported)" % (self, name, self._rules_artiq_class))


class Scheduler:
    """The scheduler virtual device, as an experiment run alone sees it."""

    rid = 0
    priority = 0
    pipeline_name = "main"
    expid = {}

    def pause(self):
        pass

    def check_pause(self, rid=None):
        return False

    def check_termination(self, rid=None):
        return False

    def submit(self, *args, **kwargs):
        return 0

    def delete(self, rid):
        pass

    def request_termination(self, rid):
        pass

    def get_status(self):
        return {}


class CCB:
    """The ccb virtual device: applet commands are accepted and ignored."""

    def issue(self, *args, **kwargs):
        pass


class DeviceManager:
    def __init__(self, env):
        self.env = env
        self.active = {}

    def get_device_db(self):
        return self.env.device_db

    def resolve(self, name):
        seen = set()
        while isinstance(self.env.device_db.get(name), str) and name not in seen:
            seen.add(name)
            name = self.env.device_db[name]
        if name not in self.env.device_db and name not in self.env.snapshot:
            # Without the device database: the experiment's attribute of
            # that name (setattr_device) says which device it is.
            exp = self.env.snapshot.get(self.env.entry_object)
            v = exp.attrs.get(name) if exp is not None else None
            if isinstance(v, tuple) and len(v) == 2 and v[0] == "ref":
                return v[1]
        return name

    def get(self, name):
        key = self.resolve(name)
        if key in self.active:
            return self.active[key]
        if key in self.env.snapshot:
            dev = self.env.restore(key)
        elif key == "scheduler":
            dev = Scheduler()
        elif key == "ccb":
            dev = CCB()
        elif key in self.env.device_db or not self.env.device_db:
            entry = self.env.device_db.get(key, {})
            dev = StandIn("%s.%s" % (entry.get("module", "device"), entry.get("class", key))
                          if isinstance(entry, dict) else key)
            if isinstance(entry, dict):
                for k, v in entry.get("arguments", {}).items():
                    dev.__dict__[k] = v
        else:
            raise KeyError("device %r is not in the device database" % name)
        self.active[key] = dev
        return dev


class DatasetManager:
    def __init__(self, initial):
        self.initial = initial
        self.local = {}

    def get(self, key, archive=True):
        if key in self.local:
            return self.local[key]
        return self.initial[key]

    def set(self, key, value, broadcast=False, persist=False, archive=True):
        self.local[key] = value

    def mutate(self, key, index, value):
        target = self.local[key] if key in self.local else self.initial[key]
        if isinstance(index, tuple):
            for i in index[:-1]:
                target = target[i]
            index = index[-1]
        target[index] = value

    def append_to(self, key, value):
        target = self.local[key] if key in self.local else self.initial[key]
        target.append(value)


class ArgumentManager:
    def __init__(self, values):
        self.values = values
        self.used = set()

    def get(self, key, processor):
        if processor is None:
            processor = _Processor()
        self.used.add(key)
        if key in self.values:
            return processor.process(self.values[key])
        return processor.default()


def _json_value(v):
    if isinstance(v, tuple):
        return [_json_value(x) for x in v]
    if isinstance(v, list):
        return [_json_value(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _json_value(x) for k, x in v.items()}
    if hasattr(v, "tolist"):  # NumPy arrays and scalars
        return _json_value(v.tolist())
    if isinstance(v, (bytes, bytearray)):
        return v.decode("latin-1")
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    return repr(v)


def _read_datasets(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".json"):
        return json.loads(text)
    # ARTIQ's pyon: Python literals with null/true/false.
    text = text.replace("null", "None").replace("true", "True").replace("false", "False")
    return ast.literal_eval(text)


class Environment:
    """The host side of an experiment: its object, devices and datasets."""

    def __init__(self, opts):
        self.opts = opts
        self.snapshot, (self.entry_object, _) = read_snapshot(opts["snapshot"])
        self.device_db = {}
        if opts.get("device-db"):
            g = {"__file__": opts["device-db"]}
            with open(opts["device-db"], encoding="utf-8") as f:
                exec(compile(f.read(), opts["device-db"], "exec"), g)
            self.device_db = g.get("device_db", {})
        initial = _read_datasets(opts["datasets"]) if opts.get("datasets") else {}
        args = {}
        for a in opts.get("arg", []):
            k, _, v = a.partition("=")
            try:
                args[k] = ast.literal_eval(v)
            except (ValueError, SyntaxError):
                args[k] = v
        self.dmgr = DeviceManager(self)
        self.datasets = DatasetManager(initial)
        self.arguments = ArgumentManager(args)
        self.restored = {}
        self.exp = None

    def _class(self, qual):
        mod, _, name = qual.rpartition(".")
        try:
            return getattr(importlib.import_module(mod), name)
        except Exception:
            pass
        m = import_tolerant(mod)
        return getattr(m, name, None) if m is not None else None

    def restore(self, oid):
        """The object oid as the snapshot froze it."""
        if oid in self.restored:
            return self.restored[oid]
        so = self.snapshot[oid]
        cls = self._class(so.cls)
        obj = None
        if cls is not None:
            try:
                obj = cls.__new__(cls)
            except Exception:
                obj = None
        if obj is None:
            obj = StandIn(so.cls)
        self.restored[oid] = obj
        for name, v in so.attrs.items():
            try:
                obj.__dict__[name] = self.value(v)
            except Exception:
                pass
        return obj

    def value(self, v):
        if isinstance(v, tuple) and len(v) == 2 and v[0] == "ref":
            return self.restore(v[1]) if v[1] in self.snapshot else None
        if isinstance(v, tuple) and len(v) == 3 and v[0] == "array":
            _, shape, flat = v
            np = sys.modules.get("numpy")
            if np is not None and not getattr(np, "__rules_artiq_standin__", False):
                return np.array(flat).reshape(shape)
            return flat
        if isinstance(v, list):
            return [self.value(x) for x in v]
        if isinstance(v, tuple):
            return tuple(self.value(x) for x in v)
        return v

    def experiment(self):
        if self.exp is not None:
            return self.exp
        qual = self.snapshot[self.entry_object].cls
        managers = (self.dmgr, self.datasets, self.arguments, {})
        try:
            cls = self._class(qual)
            if cls is None:
                raise ImportError("cannot import %s" % qual)
            exp = cls(managers)
            exp.prepare()
            self.exp = exp
        except Exception as e:
            sys.stdout.flush()
            print("RPC host: cannot build %s in Python (%s: %s); using the snapshot's "
                  "values instead (attributes that only host code keeps are missing)"
                  % (qual, type(e).__name__, e), file=sys.stderr)
            sys.stderr.flush()
            exp = self.restore(self.entry_object)
            if isinstance(exp, StandIn):
                # Still an experiment: the environment's methods work.
                attrs = dict(exp.__dict__)
                exp = _RestoredExperiment.__new__(_RestoredExperiment)
                exp.__dict__.update(attrs)
                self.restored[self.entry_object] = exp
            if isinstance(exp, HasEnvironment):
                exp.children = []
                exp._HasEnvironment__device_mgr = self.dmgr
                exp._HasEnvironment__dataset_mgr = self.datasets
                exp._HasEnvironment__argument_mgr = self.arguments
                exp._HasEnvironment__scheduler_defaults = {}
            self.exp = exp
        return self.exp

    def object(self, oid):
        """The live object that snapshot object oid is."""
        if oid == self.entry_object:
            return self.experiment()
        if not (oid.startswith("self.") or oid.startswith("self[")):
            self.experiment()  # devices as build() asked for them
            return self.dmgr.get(oid)
        obj = self.experiment()
        try:
            for kind, key in _path(oid[4:]):
                obj = getattr(obj, key) if kind == "." else obj[key]
            return obj
        except Exception:
            return self.restore(oid)

    def write_datasets(self):
        path = self.opts.get("datasets-out")
        if not path:
            return
        self.experiment()
        data = {k: _json_value(v) for k, v in self.datasets.local.items()}
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(data, f, sort_keys=True, indent=2)
            f.write("\n")
        os.replace(tmp, path)


class Missing:
    """A name whose import failed on the host (a module that is not
    installed here): using it raises the import's error."""

    def __init__(self, name, error):
        self._name, self._error = name, error

    def __getattr__(self, attr):
        if attr.startswith("__"):
            raise AttributeError(attr)
        raise ImportError("%s is not available on the RPC host: %s" % (self._name, self._error))

    def __call__(self, *args, **kwargs):
        raise ImportError("%s is not available on the RPC host: %s" % (self._name, self._error))


def import_tolerant(name):
    """Imports module name statement by statement when a plain import
    fails: a failed import binds its names to Missing placeholders, another
    failed statement is skipped, so that the module's classes exist (ARTIQ's
    drivers import host-only modules, such as the compiler, that the
    simulator does not have)."""
    if name in sys.modules:
        return sys.modules[name]
    try:
        spec = importlib.util.find_spec(name)
    except Exception:
        return None
    if spec is None or not spec.origin or not spec.origin.endswith(".py"):
        return None
    with open(spec.origin, "rb") as f:
        try:
            tree = ast.parse(f.read(), spec.origin)
        except SyntaxError:
            return None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    for stmt in tree.body:
        code = compile(ast.Module(body=[stmt], type_ignores=[]), spec.origin, "exec")
        try:
            exec(code, mod.__dict__)
        except Exception as e:
            if isinstance(stmt, (ast.Import, ast.ImportFrom)):
                for alias in stmt.names:
                    bound = alias.asname or alias.name.split(".")[0]
                    if bound != "*":
                        mod.__dict__[bound] = Missing(alias.name, e)
    return mod


class _RestoredExperiment(EnvExperiment):
    """An experiment restored from the snapshot when its class is not
    importable here."""


def _path(s):
    """The steps of an object path after its root: .name and [index]."""
    out, i = [], 0
    while i < len(s):
        if s[i] == ".":
            j = i + 1
            while j < len(s) and s[j] not in ".[":
                j += 1
            out.append((".", s[i + 1:j]))
            i = j
        elif s[i] == "[":
            j = s.index("]", i)
            out.append(("[", int(s[i + 1:j])))
            i = j + 1
        else:
            raise ValueError("bad object path %r" % s)
    return out


# ---------------------------------------------------------------------------
# Exceptions into the kernel.

# The firmware's fixed ids (docs/design.md, "Exception ids"); Python's
# RuntimeError is 16, id 0 is ARTIQ's internal one.
BUILTIN_IDS = {
    "RTIOUnderflow": 1, "RTIOOverflow": 2, "RTIODestinationUnreachable": 3,
    "DMAError": 4, "I2CError": 5, "CacheError": 6, "SPIError": 7, "SubkernelError": 8,
    "AssertionError": 9, "AttributeError": 10, "IndexError": 11, "IOError": 12,
    "OSError": 12, "KeyError": 13, "NotImplementedError": 14, "OverflowError": 15,
    "RuntimeError": 16, "TimeoutError": 17, "TypeError": 18, "ValueError": 19,
    "ZeroDivisionError": 20, "LinAlgError": 21, "UnwrapNoneError": 22,
}


def fnv1a32(data):
    h = 0x811C9DC5
    for b in data:
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h


def exception_id(cls):
    """The id a kernel raises and catches for cls: the firmware's for the
    built-in ones, else derived from the qualified name as the compiler
    derives user exception ids (compiler/types.Class.ExceptionID)."""
    name = cls.__name__
    if name in BUILTIN_IDS and (cls.__module__ in ("builtins", __name__)
                                or cls.__module__.startswith("artiq")):
        return BUILTIN_IDS[name]
    qual = "%s.%s" % (cls.__module__, cls.__qualname__)
    return 23 + fnv1a32(qual.encode()) % ((1 << 31) - 23)


HOST = None  # the Host, for decoding host objects


class Host:
    def __init__(self, opts):
        self.opts = opts
        self.services = {}
        self.methods = {}  # service -> method name, for method RPCs
        self.objects = {}  # object id (tag 'O') -> snapshot object id
        self.funcs = {}
        self.named = set()
        self.program = None
        self.env = None
        with open(opts["tables"]) as f:
            tables = json.load(f)
        for s in tables.get("rpc", []):
            self.services[s["service"]] = s["function"]
            if s.get("method"):
                self.methods[s["service"]] = s["method"]
        for o in tables.get("objects", []):
            if "objectid" in o:
                self.objects[o["objectid"]] = o["id"]
        if opts.get("snapshot"):
            self.env = Environment(opts)
        self.names_out = None
        try:
            self.names_out = os.fdopen(4, "w")
        except OSError:
            pass
        if opts.get("program"):
            self.program = load_program(opts["program"], opts.get("display") or opts["program"],
                                        opts["module"])

    def finish(self):
        """Writes the datasets (--datasets-out) when the kernel has ended."""
        path = self.opts.get("datasets-out")
        if not path:
            return 0
        try:
            if self.env is not None:
                self.env.write_datasets()
            else:
                with open(path, "w", encoding="utf-8") as f:
                    f.write("{}\n")
        except Exception:
            sys.stdout.flush()
            print("RPC host: cannot write the datasets to %s:" % path, file=sys.stderr)
            traceback.print_exc()
            sys.stderr.flush()
            return 3
        finally:
            sys.stdout.flush()
        return 0

    def host_object(self, n):
        """The live object that the kernel sent as id n (tag 'O')."""
        oid = self.objects.get(n)
        if oid is None:
            raise HostError("RuntimeError", "RPC host: the kernel sent host object %d, which "
                            "the tables do not list" % n)
        if self.env is None:
            raise HostError("RuntimeError", "RPC host: the kernel sent host object %s, but the "
                            "simulation has no snapshot of the experiment (--snapshot)" % oid)
        return self.env.object(oid)

    def resolve(self, service):
        fn = self.funcs.get(service)
        if fn is not None:
            return fn
        qual = self.services.get(service)
        if qual is None:
            raise HostError("RuntimeError", "unknown RPC service %d" % service)
        mod = None
        rest = qual
        if self.program is not None and qual.startswith(self.opts["module"] + "."):
            mod = self.program
            rest = qual[len(self.opts["module"]) + 1:]
        else:
            parts = qual.split(".")
            for i in range(len(parts) - 1, 0, -1):
                try:
                    mod = importlib.import_module(".".join(parts[:i]))
                except ImportError:
                    mod = import_tolerant(".".join(parts[:i]))
                    if mod is None:
                        continue
                rest = ".".join(parts[i:])
                break
        if mod is None:
            raise HostError("RuntimeError", "RPC host: cannot find the module of %s" % qual)
        obj = mod
        for part in rest.split("."):
            obj = getattr(obj, part, None)
            if obj is None:
                raise HostError("RuntimeError", "RPC host: %s is not defined on the host" % qual)
        self.funcs[service] = obj
        return obj

    def exception_record(self, e, what):
        if isinstance(e, HostError):
            name = e.kernel_exn
            eid = BUILTIN_IDS[name]
            msg = str(e)
            file, line, func = "<rpc>", 0, what
        else:
            cls = type(e)
            name = cls.__qualname__
            eid = exception_id(cls)
            msg = str(e)
            file, line, func = "<host>", 0, what
            frames = traceback.extract_tb(e.__traceback__)
            display = self.opts.get("display") or self.opts.get("program")
            pick = None
            for fr in frames:
                if fr.filename == display or fr.filename == self.opts.get("program"):
                    pick = fr
            if pick is None and frames:
                pick = frames[-1]
            if pick is not None:
                file, line = pick.filename, pick.lineno
                func = pick.name
                if file == display and self.program is not None:
                    func = "%s.%s" % (self.opts["module"], pick.name)
        if eid >= 23 and eid not in self.named and self.names_out is not None:
            self.named.add(eid)
            try:
                self.names_out.write("%d %s\n" % (eid, name))
                self.names_out.flush()
            except OSError:
                pass

        def s(x):
            b = x.encode("utf-8", errors="replace")
            return struct.pack("<I", len(b)) + b
        return b"E" + struct.pack("<I", eid) + s(name) + s(msg) + s(file) + \
            struct.pack("<II", line, 0) + s(func)

    def call(self, kind, service, tag, payload):
        """Runs one call; returns the reply record (without its size)."""
        what = self.services.get(service, "service %d" % service)
        try:
            args_tags, ret_tag = parse_call_tag(tag)
            r = Reader(payload)
            args, kwargs = [], {}
            for t in args_tags:
                if t.kind == "k":
                    name = r.take(r.unpack("I")).decode("utf-8")
                    kwargs[name] = decode(t.elts[0], r)
                else:
                    args.append(decode(t, r))
            method = self.methods.get(service)
            if method is not None:
                # A method RPC: the object first, then its method's arguments.
                obj, args = args[0], args[1:]
                fn = obj
                for part in method.split("."):
                    fn = getattr(fn, part, None)
                    if fn is None:
                        raise HostError("AttributeError", "RPC host: %r has no %s" % (obj, method))
            else:
                fn = self.resolve(service)
            result = fn(*args, **kwargs)
            if kind == b"A":
                return b"D"
            out = [b"R"]
            encode(out, ret_tag, result, what)
            return b"".join(out)
        except Exception as e:  # goes to the kernel, as ARTIQ's host does
            if kind == b"A":
                sys.stdout.flush()
                print("RPC host: async RPC %s raised an exception (async RPCs cannot "
                      "report it to the kernel):" % what, file=sys.stderr)
                traceback.print_exception(type(e), e, e.__traceback__, file=sys.stderr)
                return b"D"
            return self.exception_record(e, what)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()


def read_exact(fd, n):
    chunks = []
    while n > 0:
        b = os.read(fd, n)
        if not b:
            return None
        chunks.append(b)
        n -= len(b)
    return b"".join(chunks)


def write_all(fd, data):
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def parse_args(argv):
    opts = {"path": []}
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("--tables", "--program", "--module", "--display", "--snapshot", "--device-db",
                 "--datasets", "--datasets-out") and i + 1 < len(argv):
            opts[a[2:]] = argv[i + 1]
            i += 2
        elif a in ("--path", "--arg") and i + 1 < len(argv):
            opts.setdefault(a[2:], []).append(argv[i + 1])
            i += 2
        else:
            raise SystemExit("RPC host: bad argument %r" % a)
    if "tables" not in opts:
        raise SystemExit("RPC host: --tables is required")
    if "program" in opts and "module" not in opts:
        raise SystemExit("RPC host: --program needs --module")
    return opts


def main():
    opts = parse_args(sys.argv[1:])
    # The protocol descriptors must not be reachable as stdin.
    req_fd = os.dup(0)
    rep_fd = os.dup(3)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.close(3)
    sys.stdin = open(0, "r", closefd=False)

    install_names()
    sys.path[:0] = list(opts["path"])
    # ARTIQ's own modules beyond the language (artiq.coredevice.*) come
    # from the roots that hold an artiq package.
    sys.modules["artiq"].__path__ = [os.path.join(p, "artiq") for p in opts["path"]
                                     if os.path.isdir(os.path.join(p, "artiq"))]
    if opts.get("program"):
        sys.path.insert(0, os.path.dirname(os.path.abspath(opts["program"])))
        sys.argv = [opts.get("display") or opts["program"]]
    if not opts["path"] and not opts.get("program"):
        sys.path.insert(0, os.getcwd())
    global HOST
    try:
        host = HOST = Host(opts)
    except Exception:
        sys.stdout.flush()
        print("RPC host: cannot load the host functions:", file=sys.stderr)
        traceback.print_exc()
        sys.stderr.flush()
        return 3
    reply_broken = False
    while True:
        head = read_exact(req_fd, 4)
        if head is None:
            return host.finish()  # the kernel ended
        (size,) = struct.unpack("<I", head)
        rec = read_exact(req_fd, size)
        if rec is None or size < 9:
            print("RPC host: truncated request", file=sys.stderr)
            return 3
        kind = rec[0:1]
        service, tag_len = struct.unpack("<II", rec[1:9])
        tag = bytes(rec[9:9 + tag_len])
        payload = rec[9 + tag_len:]
        out = host.call(kind, service, tag, payload)
        if reply_broken:
            continue
        try:
            write_all(rep_fd, struct.pack("<I", len(out)) + out)
        except BrokenPipeError:
            reply_broken = True  # the kernel ended; run what it already sent


if __name__ == "__main__":
    sys.exit(main())
