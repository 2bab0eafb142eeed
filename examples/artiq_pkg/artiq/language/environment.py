"""The experiment environment, host side (a small subset of ARTIQ's)."""

__all__ = ["NumberValue", "BooleanValue", "StringValue", "EnumerationValue",
           "HasEnvironment", "Experiment", "EnvExperiment"]


class _Processor:
    def __init__(self, default=None, **kwargs):
        self.default = default
        self.options = kwargs


class NumberValue(_Processor):
    def __init__(self, default=None, unit="", scale=None, step=None, min=None, max=None,
                 precision=2, type="auto"):
        _Processor.__init__(self, default, unit=unit, scale=scale, step=step,
                            min=min, max=max, precision=precision, type=type)


class BooleanValue(_Processor):
    pass


class StringValue(_Processor):
    pass


class EnumerationValue(_Processor):
    def __init__(self, choices, default=None):
        _Processor.__init__(self, default, choices=choices)


class HasEnvironment:
    def __init__(self, managers_or_parent, *args, **kwargs):
        self.__device_mgr = managers_or_parent[0]
        self.__arguments = managers_or_parent[1]
        self.build(*args, **kwargs)

    def build(self):
        pass

    def get_device(self, key):
        return self.__device_mgr.get(key)

    def setattr_device(self, key):
        setattr(self, key, self.get_device(key))

    def get_argument(self, key, processor):
        return self.__arguments.get(key, processor.default)

    def setattr_argument(self, key, processor):
        setattr(self, key, self.get_argument(key, processor))


class Experiment:
    def prepare(self):
        pass

    def run(self):
        raise NotImplementedError

    def analyze(self):
        pass


class EnvExperiment(Experiment, HasEnvironment):
    pass
