# The experiment environment (test stand-in for ARTIQ's): the argument
# processors, HasEnvironment with its device, argument and dataset
# methods, and the managers the test driver builds.

__all__ = ["NoDefault", "NumberValue", "BooleanValue", "StringValue", "EnumerationValue",
           "PYONValue", "HasEnvironment", "Experiment", "EnvExperiment"]

from artiq.language import units


class NoDefault:
    pass


class _Processor:
    def __init__(self, default=NoDefault):
        self.default = default

    def process(self, x):
        return x


class NumberValue(_Processor):
    def __init__(self, default=NoDefault, unit="", *, scale=None, step=None,
                 min=None, max=None, precision=2, ndecimals=None, type="auto"):
        _Processor.__init__(self, default)
        if ndecimals is not None:
            precision = ndecimals
        if scale is None:
            scale = 1.0 if unit == "" else getattr(units, unit)
        if step is None:
            step = scale / 10.0
        self.unit, self.scale, self.step = unit, scale, step
        self.min, self.max, self.precision, self.type = min, max, precision, type

    def _is_int(self):
        return self.type == "int" or (
            self.type == "auto" and self.precision == 0 and int(self.step) == self.step)

    def process(self, x):
        x = int(x) if self._is_int() else float(x)
        if self.min is not None and x < self.min or self.max is not None and x > self.max:
            raise ValueError("argument out of range")
        return x


class BooleanValue(_Processor):
    pass


class StringValue(_Processor):
    pass


class EnumerationValue(_Processor):
    def __init__(self, choices, default=NoDefault):
        _Processor.__init__(self, default)
        self.choices = choices

    def process(self, x):
        if x not in self.choices:
            raise ValueError("not a choice")
        return x


class PYONValue(_Processor):
    pass


class DeviceManager:
    """Creates drivers from a device_db dict; caches them by device name
    (after aliases) in active_devices."""

    def __init__(self, ddb, virtual_devices=None):
        self.ddb = ddb
        self.active_devices = dict()
        self.virtual_devices = virtual_devices or {}

    def resolve(self, name):
        seen = set()
        while isinstance(self.ddb.get(name), str):
            if name in seen:
                raise ValueError("alias loop")
            seen.add(name)
            name = self.ddb[name]
        return name

    def get(self, name):
        if name not in self.ddb and name in self.virtual_devices:
            return self.virtual_devices[name]
        name = self.resolve(name)
        if name in self.active_devices:
            return self.active_devices[name]
        desc = self.ddb[name]
        if desc["type"] == "controller":
            dev = object()
        else:
            import importlib
            module = importlib.import_module(desc["module"])
            dev = getattr(module, desc["class"])(self, **desc.get("arguments", {}))
        self.active_devices[name] = dev
        return dev

    def get_device_db(self):
        return self.ddb


class DatasetManager:
    def __init__(self, datasets):
        self.datasets = dict(datasets)

    def get(self, key):
        return self.datasets[key]

    def set(self, key, value):
        self.datasets[key] = value


class ArgumentManager:
    def __init__(self, arguments):
        self.arguments = dict(arguments)

    def get(self, key, processor):
        if key in self.arguments:
            return processor.process(self.arguments[key])
        if processor.default is NoDefault:
            raise KeyError(key)
        return processor.process(processor.default)


class HasEnvironment:
    def __init__(self, managers_or_parent, *args, **kwargs):
        if isinstance(managers_or_parent, HasEnvironment):
            self.__managers = managers_or_parent._HasEnvironment__managers
        else:
            self.__managers = managers_or_parent
        self.build(*args, **kwargs)

    def build(self):
        pass

    def get_device_db(self):
        return self.__managers[0].get_device_db()

    def get_device(self, key):
        return self.__managers[0].get(key)

    def setattr_device(self, key):
        setattr(self, key, self.get_device(key))

    def get_argument(self, key, processor, group=None, tooltip=None):
        return self.__managers[2].get(key, processor)

    def setattr_argument(self, key, processor, group=None, tooltip=None):
        setattr(self, key, self.get_argument(key, processor, group, tooltip))

    def get_dataset(self, key, default=NoDefault, archive=True):
        try:
            return self.__managers[1].get(key)
        except KeyError:
            if default is NoDefault:
                raise
            return default

    def setattr_dataset(self, key, default=NoDefault, archive=True):
        setattr(self, key, self.get_dataset(key, default, archive))

    def set_dataset(self, key, value, **kwargs):
        self.__managers[1].set(key, value)

    def set_default_scheduling(self, **kwargs):
        pass


class Experiment:
    def prepare(self):
        pass

    def run(self):
        pass

    def analyze(self):
        pass


class EnvExperiment(Experiment, HasEnvironment):
    pass
