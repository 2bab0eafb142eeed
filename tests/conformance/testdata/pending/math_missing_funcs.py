# PENDING: some math/numpy functions are rejected: "math.degrees is not supported in kernels", "math.log() takes 1 argument but 2 were given" (two-argument log), "numpy.arctan2 is not supported in kernels"; also the arctan2 line first reports a cascaded "print() of 't1 is not supported yet" before the real error. (numpy lines need a .expected: no numpy in CPython here)
import math
print(math.degrees(math.pi), math.radians(180.0), math.log(8.0, 2.0))
