# math functions on ints and floats, in expressions and loops.
import math
from math import sqrt, floor

xs = [0.0, 0.5, 1.0, 2.0]
print([math.sin(x) for x in xs])
print([math.exp(x) for x in xs[:2]], math.exp(-1.0))
print([sqrt(x) for x in xs], floor(-1.5), math.ceil(1.0001))
print(math.atan2(-1.0, -1.0), math.hypot(5, 12))
print(math.log2(1024.0), math.sqrt(9) + 1, math.log10(0.001))
