# PENDING: NumPy-style arrays are not supported ("name \"array\" is not defined", "numpy.array is not supported in kernels"); the issue asks for array(...)/numpy.array, 1-D and 2-D, element-wise arithmetic, indexing, len, shape. (The CPython side needs numpy or a .expected file: numpy is not installed here.)
import numpy
a = numpy.array([1.0, 2.0, 3.0])
b = a * 2.0 + a
print(b[0], b[2], len(b), a.shape)
m = numpy.array([[1, 2], [3, 4]])
print(m[1][0], m.shape, len(m))
