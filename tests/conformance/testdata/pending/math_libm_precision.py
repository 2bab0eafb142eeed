# PENDING: libm results differ from CPython's (glibc) in the last digit: math.exp(1.0) prints 2.7182818284590455 (CPython 2.718281828459045), math.log(3.0) 1.0986122886681096 (…098), math.cosh(1.0) 1.543080634815244 (…437), math.pow(0.7, 0.3) 0.8985234417906398 (…397), math.gamma(5.0) 24.000000000000004 (24.0), math.lgamma(5.0) 3.1780538303479458 (…945); musl's (and ARTIQ firmware's) exp/log are correctly rounded for these
import math
print(math.exp(1.0), math.log(3.0), math.cosh(1.0))
print(math.pow(0.7, 0.3), math.gamma(5.0), math.lgamma(5.0))
