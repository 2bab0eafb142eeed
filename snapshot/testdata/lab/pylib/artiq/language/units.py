# SI units (test stand-in for ARTIQ's artiq.language.units).

__all__ = []

for _name, _value in [
        ("ps", 1e-12), ("ns", 1e-9), ("us", 1e-6), ("ms", 1e-3), ("s", 1.0),
        ("mHz", 1e-3), ("Hz", 1.0), ("kHz", 1e3), ("MHz", 1e6), ("GHz", 1e9),
        ("dB", 1.0),
        ("uV", 1e-6), ("mV", 1e-3), ("V", 1.0), ("kV", 1e3),
        ("nA", 1e-9), ("uA", 1e-6), ("mA", 1e-3), ("A", 1.0),
        ("nW", 1e-9), ("uW", 1e-6), ("mW", 1e-3), ("W", 1.0)]:
    globals()[_name] = _value
    __all__.append(_name)
