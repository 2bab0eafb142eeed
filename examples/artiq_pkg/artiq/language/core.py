"""Host side of the kernel language: decorators and the timeline functions.

Kernels are compiled by rules_artiq; on the host, the decorators only mark
functions, and the timeline functions may not be called.
"""

__all__ = ["kernel", "portable", "rpc", "syscall", "host_only",
           "KernelInvariant", "Kernel",
           "now_mu", "at_mu", "delay_mu", "delay", "parallel", "sequential",
           "rtio_get_counter"]


def _mark(kind, function, flags):
    function.artiq_embedded = (kind, frozenset(flags))
    return function


def kernel(arg=None, flags={}):
    """Marks a function or method as kernel code (compiled for the core device)."""
    if arg is None:
        return lambda function: _mark("kernel", function, flags)
    return _mark("kernel", arg, flags)


def portable(arg=None, flags={}):
    """Marks code that runs on the host and in kernels alike."""
    if arg is None:
        return lambda function: _mark("portable", function, flags)
    return _mark("portable", arg, flags)


def rpc(arg=None, flags={}):
    """Marks a host function that kernels call (flags={"async"}: without waiting)."""
    if arg is None:
        return lambda function: _mark("rpc", function, flags)
    return _mark("rpc", arg, flags)


def syscall(arg=None, flags={}):
    """Declares a function of the core device's firmware."""
    if arg is None:
        return lambda function: _mark("syscall", function, flags)
    return _mark("syscall", arg, flags)


def host_only(function):
    """Marks host code that kernels may not even call through an RPC."""
    function.artiq_host_only = True
    return function


class _Annotation:
    def __init__(self, name):
        self.name = name

    def __getitem__(self, t):
        return self


KernelInvariant = _Annotation("KernelInvariant")
Kernel = _Annotation("Kernel")


def _kernel_only(name):
    def f(*args, **kwargs):
        raise NotImplementedError(name + " can only be called in kernels")
    f.__name__ = name
    return f


now_mu = _kernel_only("now_mu")
at_mu = _kernel_only("at_mu")
delay_mu = _kernel_only("delay_mu")
delay = _kernel_only("delay")
rtio_get_counter = _kernel_only("rtio_get_counter")


class _Block:
    def __enter__(self):
        raise NotImplementedError("timeline blocks can only be used in kernels")

    def __exit__(self, *exc):
        return False


parallel = _Block()
sequential = _Block()
