# NumPy's scalar math functions through libm. CPython here has no numpy, so
# the output is stated in math_numpy_scalar.expected (numpy.floor returns a
# float, unlike math.floor).
import numpy
print(numpy.pi, numpy.e)
print(numpy.sqrt(2.0), numpy.floor(2.5), numpy.ceil(-2.5), numpy.exp(0.0))
print(numpy.sin(0.5), numpy.cos(0.5), numpy.tan(0.25), numpy.log(10.0))
print(numpy.fabs(-3.5), numpy.sqrt(16.0) + 1)
