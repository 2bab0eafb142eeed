# The math module through the firmware's libm.
import math
from math import sqrt, pi

print(sqrt(16.0), math.sqrt(2), pi, math.e)
print(math.sin(0.5), math.cos(0.5), math.atan2(1.0, 2.0), math.hypot(3.0, 4.0))
print(math.floor(2.7), math.ceil(2.1), math.trunc(-2.7), math.floor(-0.5))
print(math.exp(0.0), math.log(10.0), math.log10(1000.0), math.log2(8.0))
print(math.pow(2.0, 10), math.fmod(7.5, 2.0), math.copysign(3.0, -1.0), math.fabs(-2.5))
print(math.isnan(math.sqrt(2)), math.isinf(1e308 * 10), math.isfinite(1.0))
try:
    math.sqrt(-1.0)
except ValueError as e:
    print("ValueError:", e)
