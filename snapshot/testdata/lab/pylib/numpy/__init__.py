# A tiny stand-in for NumPy (the test machines may not have it): integer
# scalar types and float arrays with the attributes the snapshot exporter
# reads (dtype, shape, tobytes). Not NumPy.

import struct

pi = 3.141592653589793


class dtype:
    def __init__(self, kind, itemsize, name):
        self.kind, self.itemsize, self.name = kind, itemsize, name
        self.byteorder = "|" if itemsize == 1 else "<"


class int32(int):
    dtype = dtype("i", 4, "int32")
    shape = ()


class int64(int):
    dtype = dtype("i", 8, "int64")
    shape = ()


_formats = {"float64": "<d", "int32": "<i", "int64": "<q", "bool": "<?"}


class ndarray:
    def __init__(self, values, shape, dt):
        self._values, self.shape, self.dtype = list(values), tuple(shape), dt

    def tobytes(self):
        fmt = _formats[self.dtype.name]
        return b"".join(struct.pack(fmt, v) for v in self._values)

    def __len__(self):
        return self.shape[0]


_float64 = dtype("f", 8, "float64")


def zeros(n):
    return ndarray([0.0] * n, (n,), _float64)


def linspace(start, stop, num=50, endpoint=True):
    div = (num - 1) if endpoint else num
    step = (stop - start) / div
    values = [float(i) * step + start for i in range(num)]
    if endpoint and num > 1:
        values[-1] = stop
    return ndarray(values, (num,), _float64)
