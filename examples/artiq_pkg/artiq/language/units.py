"""Units: multiply a number by a unit to get the value in SI units."""

__all__ = []

_prefixes = {"p": 1e-12, "n": 1e-9, "u": 1e-6, "m": 1e-3, "": 1.0,
             "k": 1e3, "M": 1e6, "G": 1e9}


def _register(unit, prefixes):
    for prefix in prefixes:
        name = prefix + unit
        globals()[name] = _prefixes[prefix]
        __all__.append(name)


_register("s", "pnum")
_register("Hz", "mkMG")
_register("V", "umk")
_register("A", "num")
_register("W", "num")
_register("Hz", "")
_register("s", "")
_register("V", "")
_register("A", "")
_register("W", "")
dB = 1.0
__all__.append("dB")
