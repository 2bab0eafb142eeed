import numpy
a = numpy.array([1.0, 2.0, 3.0])
b = a * 2.0 + a
print(b[0], b[2], len(b), a.shape)
m = numpy.array([[1, 2], [3, 4]])
print(m[1][0], m.shape, len(m))
