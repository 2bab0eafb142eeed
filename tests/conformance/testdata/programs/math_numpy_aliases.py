# NumPy's names of the math functions (arcsin, arctan2, power, deg2rad...);
# CPython here has no numpy, so the expectation is stated.
import numpy
print(numpy.arcsin(1.0), numpy.arccos(1.0), numpy.arctan(0.0), numpy.arctan2(0.0, 1.0))
print(numpy.power(2.0, 10.0), numpy.deg2rad(180.0), numpy.rad2deg(numpy.pi), numpy.arcsinh(0.0))
