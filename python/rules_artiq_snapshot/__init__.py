"""Freeze a live ARTIQ experiment into a rules_artiq host-value snapshot.

For labs whose host code is beyond what ``kernelc snapshot`` evaluates:
build the experiment the way ARTIQ does (``build()``, then ``prepare()``),
then call :func:`export`. The output is the same canonical format that
``kernelc snapshot`` writes (docs/snapshot.md); check it with
``kernelc snapshot --check FILE``.

This module does not import ARTIQ or NumPy. It reads objects by duck
typing:

* a NumPy scalar or array is anything with ``dtype`` (``kind``,
  ``itemsize``) and ``shape`` (an array also has ``tobytes()``);
* a kernel class is a class that defines ``kernel_invariants``, a
  ``KernelInvariant[...]``/``Kernel[...]`` annotation, or a function with an
  ``artiq_embedded`` attribute (what ARTIQ's ``@kernel``, ``@portable`` and
  ``@rpc`` set);
* device names come from the device manager's ``active_devices`` (a dict
  or a list of ``(name, device)`` pairs) and ``virtual_devices``, with
  aliases resolved through ``device_db`` (default: ``get_device_db()``).
"""

import base64
import json
import math
import os
import re
import struct
import tempfile
import types

__all__ = ["export", "encode", "SnapshotError", "VERSION"]

VERSION = 1
HEADER = "artiq-snapshot %d" % VERSION
ARRAY_INLINE_MAX = 64
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_INT32 = (-(1 << 31), (1 << 31) - 1)
_INT64 = (-(1 << 63), (1 << 63) - 1)


class SnapshotError(ValueError):
    """A value that the snapshot format cannot hold, naming its key."""


# Types are tuples: ("none",), ("bool",), ("int32",), ("int64",), ("float",),
# ("str",), ("opaque",), ("list", elem) with elem None when unknown,
# ("tuple", (elems...)), ("array", kind, ndim), ("ref", class).

def _type_str(t):
    if t is None:
        return "?"
    k = t[0]
    if k == "list":
        return "list<%s>" % _type_str(t[1])
    if k == "tuple":
        return "tuple<%s>" % ",".join(_type_str(e) for e in t[1])
    if k == "array":
        return "array<%s,%d>" % (t[1], t[2])
    if k == "ref":
        return "ref<%s>" % t[1]
    return k


def _unify(a, b):
    """The common type of a and b (None is the unknown element of an
    empty list), or raise TypeError."""
    if a is None:
        return b
    if b is None:
        return a
    if a[0] != b[0]:
        raise TypeError
    if a[0] == "list":
        return ("list", _unify(a[1], b[1]))
    if a[0] == "tuple":
        if len(a[1]) != len(b[1]):
            raise TypeError
        return ("tuple", tuple(_unify(x, y) for x, y in zip(a[1], b[1])))
    if a != b:
        raise TypeError
    return a


def format_float(f):
    """Python's repr, which is the format's float syntax."""
    return repr(float(f))


def quote(s):
    """JSON quoting with ASCII escapes, the format's string syntax."""
    return json.dumps(s)


def _type_name(v):
    t = type(v)
    if t.__module__ == "builtins":
        return t.__name__
    return t.__module__ + "." + t.__qualname__


def _skip_attr(name):
    if name == "kernel_invariants" or not isinstance(name, str) or not _IDENT.match(name):
        return True
    if name.startswith("__") and name.endswith("__"):
        return True
    return name.startswith("_") and "__" in name[1:]


def _builtin_class(klass):
    return klass is object or klass.__module__ == "builtins" or \
        klass.__module__.startswith("artiq.language")


def _annotation_text(a):
    return a if isinstance(a, str) else repr(a)


def _is_kernel_class(klass):
    for k in klass.__mro__:
        if _builtin_class(k):
            continue
        d = vars(k)
        if "kernel_invariants" in d:
            return True
        for v in d.values():
            if hasattr(getattr(v, "__func__", v), "artiq_embedded"):
                return True
        for a in d.get("__annotations__", {}).values():
            text = _annotation_text(a)
            if text.startswith("KernelInvariant[") or text.startswith("Kernel["):
                return True
    return False


def _numpy_kind(dt):
    kind, size = getattr(dt, "kind", None), getattr(dt, "itemsize", None)
    if kind == "f" and size == 8:
        return "float"
    if kind == "i" and size == 4:
        return "int32"
    if kind == "i" and size == 8:
        return "int64"
    if kind == "b" and size == 1:
        return "bool"
    return None


_STRUCT = {"float": "d", "int32": "i", "int64": "q", "bool": "?"}
_SIZE = {"float": 8, "int32": 4, "int64": 8, "bool": 1}


def _scalar_text(kind, x):
    if kind == "float":
        return format_float(x)
    if kind == "bool":
        return "True" if x else "False"
    return str(int(x))


class _Exporter:
    def __init__(self, experiment, module, device_mgr, device_db):
        self.module_map = {}
        if module is not None:
            self.module_map[type(experiment).__module__] = module
        self.device_names = self._device_names(device_mgr, device_db)
        self.ids = {id(experiment): "self"}
        self.keep = [experiment]  # keeps id()s valid while walking
        self.queue = [(experiment, "self")]
        self.objects = {}

    @staticmethod
    def _device_names(dmgr, ddb):
        names = {}
        if dmgr is None:
            return names
        if ddb is None and hasattr(dmgr, "get_device_db"):
            try:
                ddb = dmgr.get_device_db()
            except Exception:
                ddb = None

        def resolve(name):
            seen = set()
            while ddb is not None and isinstance(ddb.get(name), str) and name not in seen:
                seen.add(name)
                name = ddb[name]
            return name

        pairs = []
        for attr in ("active_devices", "virtual_devices"):
            devs = getattr(dmgr, attr, None) or {}
            pairs.extend(devs.items() if isinstance(devs, dict) else devs)
        for requested, dev in pairs:
            resolved = resolve(requested)
            if id(dev) not in names or requested == resolved:
                names[id(dev)] = resolved
        return names

    def class_name(self, klass):
        return self.module_map.get(klass.__module__, klass.__module__) + "." + klass.__qualname__

    def ref(self, obj, ident, path):
        if id(obj) not in self.ids:
            self.ids[id(obj)] = ident
            self.keep.append(obj)
            self.queue.append((obj, path))
        return self.ids[id(obj)]

    def convert(self, v, int64, key, path):
        """Return (type, text) of a value; int64 makes ints int64."""
        if v is None:
            return ("none",), "None"
        if isinstance(v, bool):
            return ("bool",), ("True" if v else "False")
        dt = getattr(v, "dtype", None)
        shape = getattr(v, "shape", None)
        if dt is not None and shape is not None and not isinstance(v, type):
            kind = _numpy_kind(dt)
            if kind is None:
                return ("opaque",), quote(_type_name(v))
            if tuple(shape) == ():
                x = v.item() if hasattr(v, "item") else v
                if kind in ("int32", "int64"):
                    self.check_int(int(x), kind, key)
                return (kind,), _scalar_text(kind, x)
            return self.array(v, kind, tuple(shape))
        if isinstance(v, int):
            kind = "int64" if int64 else "int32"
            self.check_int(v, kind, key)
            return (kind,), str(v)
        if isinstance(v, float):
            return ("float",), format_float(v)
        if isinstance(v, str):
            return ("str",), quote(v)
        if isinstance(v, (list, tuple)):
            parts = [self.convert(e, int64, "%s[%d]" % (key, i), "%s[%d]" % (path, i))
                     for i, e in enumerate(v)]
            if isinstance(v, tuple):
                texts = [p[1] for p in parts]
                text = "(" + ", ".join(texts) + ("," if len(texts) == 1 else "") + ")"
                return ("tuple", tuple(p[0] for p in parts)), text
            elem = None
            try:
                for t, _ in parts:
                    elem = _unify(elem, t)
            except TypeError:
                return ("opaque",), quote("list")
            return ("list", elem), "[" + ", ".join(p[1] for p in parts) + "]"
        if id(v) in self.device_names:
            name = self.device_names[id(v)]
            if not _is_kernel_class(type(v)):
                return ("opaque",), quote(name)
            return ("ref", self.class_name(type(v))), self.ref(v, name, path)
        if hasattr(v, "__dict__") and not isinstance(v, (type, types.ModuleType, types.FunctionType,
                                                        types.MethodType, types.BuiltinFunctionType)):
            if id(v) in self.ids or _is_kernel_class(type(v)):
                return ("ref", self.class_name(type(v))), self.ref(v, path, path)
            return ("opaque",), quote(self.class_name(type(v)))
        return ("opaque",), quote(_type_name(v))

    @staticmethod
    def check_int(x, kind, key):
        lo, hi = _INT32 if kind == "int32" else _INT64
        if not lo <= x <= hi:
            raise SnapshotError("%s: %d does not fit %s; use numpy.int64(...) or annotate it "
                                "KernelInvariant[int64]" % (key, x, kind))

    def array(self, v, kind, shape):
        n = 1
        for d in shape:
            n *= d
        data = v.tobytes()
        if getattr(v.dtype, "byteorder", "<") == ">":
            size = _SIZE[kind]
            data = b"".join(data[i:i + size][::-1] for i in range(0, len(data), size))
        if len(data) != n * _SIZE[kind]:
            raise SnapshotError("array data of %d bytes for shape %r" % (len(data), shape))
        shape_text = "(" + ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"
        t = ("array", kind, len(shape))
        if n <= ARRAY_INLINE_MAX:
            values = struct.unpack("<%d%s" % (n, _STRUCT[kind]), data)
            return t, shape_text + " [" + ", ".join(_scalar_text(kind, x) for x in values) + "]"
        return t, shape_text + " base64:" + base64.b64encode(data).decode("ascii")

    def attributes(self, obj):
        vals = {}
        for klass in reversed(type(obj).__mro__):
            if _builtin_class(klass):
                continue
            for n, v in vars(klass).items():
                if _skip_attr(n) or isinstance(v, (types.FunctionType, staticmethod, classmethod, property,
                                                   type, types.ModuleType, types.BuiltinFunctionType)):
                    continue
                vals[n] = v
        for n, v in getattr(obj, "__dict__", {}).items():
            if not _skip_attr(n):
                vals[n] = v
        return vals

    def invariants(self, obj):
        inv = set(getattr(obj, "kernel_invariants", ()) or ())
        int64 = set()
        for klass in type(obj).__mro__:
            for n, a in vars(klass).get("__annotations__", {}).items():
                text = _annotation_text(a)
                if text.startswith("KernelInvariant["):
                    inv.add(n)
                if (text.startswith("KernelInvariant[") or text.startswith("Kernel[")) and "int64" in text:
                    int64.add(n)
        return inv, int64

    def walk(self):
        while self.queue:
            obj, path = self.queue.pop(0)
            ident = self.ids[id(obj)]
            inv, int64 = self.invariants(obj)
            attrs = []
            vals = self.attributes(obj)
            for n in sorted(vals):
                t, text = self.convert(vals[n], n in int64, ident + "." + n, path + "." + n)
                attrs.append((n, n in inv, t, text))
            self.objects[ident] = (self.class_name(type(obj)), attrs)


def encode(experiment, *, device_mgr=None, device_db=None, module=None, entry="run", entry_args=()):
    """Return the snapshot text of a built (and prepared) experiment."""
    ex = _Exporter(experiment, module, device_mgr, device_db)
    args = [ex.convert(a, False, "entry argument %d" % i, "") for i, a in enumerate(entry_args)]
    ex.walk()
    lines = [HEADER, "entry self.%s" % entry]
    for i, (t, text) in enumerate(args):
        lines.append("entry-arg %d %s %s" % (i, _type_str(t), text))
    for ident in sorted(ex.objects):
        cls, attrs = ex.objects[ident]
        lines.append("object %s %s" % (ident, cls))
        for n, inv, t, text in attrs:
            lines.append("attr %s.%s %s%s %s" % (ident, n, "invariant " if inv else "", _type_str(t), text))
    return "\n".join(lines) + "\n"


def export(experiment, path, **kwargs):
    """Write the snapshot of a built (and prepared) experiment to path,
    atomically: a failure leaves an existing file as it was. Keyword
    arguments are those of :func:`encode`."""
    text = encode(experiment, **kwargs)
    directory = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="ascii", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
