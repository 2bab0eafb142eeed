# Decorators and annotations of the kernel language (test stand-in).

from collections import namedtuple

__all__ = ["kernel", "portable", "rpc", "host_only", "KernelInvariant", "Kernel"]

_Embedded = namedtuple("_Embedded", "kind flags")


def _mark(kind, function, flags=()):
    function.artiq_embedded = _Embedded(kind, frozenset(flags))
    return function


def kernel(function):
    return _mark("kernel", function)


def portable(function):
    return _mark("portable", function)


def rpc(function=None, flags=()):
    if function is None:
        return lambda f: _mark("rpc", f, flags)
    return _mark("rpc", function, flags)


def host_only(function):
    return function


class _Annotation:
    def __init__(self, wrapper, item):
        self.wrapper, self.item = wrapper, item

    def __repr__(self):
        return "%s[%s]" % (self.wrapper, getattr(self.item, "__name__", repr(self.item)))


class KernelInvariant:
    def __class_getitem__(cls, item):
        return _Annotation("KernelInvariant", item)


class Kernel:
    def __class_getitem__(cls, item):
        return _Annotation("Kernel", item)
