"""Exceptions that kernels raise on the core device.

The firmware knows the first of them by number; the compiler provides the
names to kernels itself, so this module is host code only.
"""
import builtins
import linecache
import re


ZeroDivisionError = builtins.ZeroDivisionError
ValueError = builtins.ValueError
IndexError = builtins.IndexError
RuntimeError = builtins.RuntimeError
AssertionError = builtins.AssertionError


class CoreException:
    """Information about an exception that a kernel raised, for the host's report."""

    def __init__(self, exceptions, exception_info, traceback, stack_pointers):
        self.exceptions = exceptions
        self.exception_info = exception_info
        self.traceback = list(traceback)
        self.stack_pointers = stack_pointers
        first = exceptions[0]
        name = first[0]
        if ":" in name:
            _, name = name.split(":", 1)
        self.name = name
        self.message = first[1]

    def __str__(self):
        lines = ["Core Device Traceback:"]
        for (filename, line, column, function, address) in self.traceback:
            source = linecache.getline(filename, line).strip()
            lines.append("  File \"{}\", line {}, column {}, in {}".format(
                filename, line, column, function))
            if source:
                lines.append("    " + source)
        lines.append("{}: {}".format(self.name, self.message))
        return "\n".join(lines)


class RTIOUnderflow(Exception):
    """A kernel wrote an RTIO event with a timestamp in the past."""
    artiq_builtin = True


class RTIOOverflow(Exception):
    """An input FIFO overflowed: a kernel read too few of its events."""
    artiq_builtin = True


class RTIODestinationUnreachable(Exception):
    artiq_builtin = True


class DMAError(Exception):
    artiq_builtin = True


class SPIError(Exception):
    artiq_builtin = True


class I2CError(Exception):
    artiq_builtin = True


def _sanitize(name):
    return re.sub(r"[^A-Za-z0-9_]", "_", name)
