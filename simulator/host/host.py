"""The RPC host of the rules_artiq simulator.

The simulator runs a device ELF under qemu-riscv32; when the kernel calls a
host function (an RPC), the simulator runtime sends the call here, and this
process runs the function in CPython, as ARTIQ's host does, and sends the
result back. It is started by simulator.Run (simulator/rpc.go), embedded in
the Go binary, and needs nothing but the standard library.

usage: python3 host.py --tables TABLES.json [--program FILE.py --module M
                       [--display NAME]] [--path DIR]...

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
artiq.language, so programs need no ARTIQ installation.
"""

import ast
import builtins
import importlib
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


def install_names():
    for k, v in NAMES.items():
        setattr(builtins, k, v)
    artiq = types.ModuleType("artiq")
    sys.modules["artiq"] = artiq
    for name in ("artiq.experiment", "artiq.language", "artiq.language.core",
                 "artiq.language.types", "artiq.language.units"):
        m = types.ModuleType(name)
        m.__dict__.update(NAMES)
        sys.modules[name] = m
    artiq.experiment = sys.modules["artiq.experiment"]
    artiq.language = sys.modules["artiq.language"]


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
                "s": "str", "B": "bytes", "A": "bytearray"}.get(k, k)


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
    if k in "nbiIfsBA":
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


class Host:
    def __init__(self, opts):
        self.opts = opts
        self.services = {}
        self.funcs = {}
        self.named = set()
        self.program = None
        with open(opts["tables"]) as f:
            for s in json.load(f).get("rpc", []):
                self.services[s["service"]] = s["function"]
        self.names_out = None
        try:
            self.names_out = os.fdopen(4, "w")
        except OSError:
            pass
        if opts.get("program"):
            self.program = load_program(opts["program"], opts.get("display") or opts["program"],
                                        opts["module"])

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
        if a in ("--tables", "--program", "--module", "--display") and i + 1 < len(argv):
            opts[a[2:]] = argv[i + 1]
            i += 2
        elif a == "--path" and i + 1 < len(argv):
            opts["path"].append(argv[i + 1])
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
    if opts.get("program"):
        sys.path.insert(0, os.path.dirname(os.path.abspath(opts["program"])))
        sys.argv = [opts.get("display") or opts["program"]]
    if not opts["path"] and not opts.get("program"):
        sys.path.insert(0, os.getcwd())
    try:
        host = Host(opts)
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
            return 0  # the kernel ended
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
