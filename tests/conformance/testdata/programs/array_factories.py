# numpy.zeros, ones, full (with shapes as ints or tuples and dtypes),
# arange (integers and floats, as NumPy fills them) and linspace.
import numpy as np

print(np.zeros(3), np.ones(2), np.zeros((2, 3)), np.ones((2, 2), dtype=np.int32))
print(np.full(3, 7), np.full((2,), 2.5), np.full((2, 2), True), np.zeros(4, dtype=bool))
print(np.zeros(0), np.zeros((2, 0)).shape, np.full(2, 1, dtype=float))
print(np.arange(5), np.arange(2, 8), np.arange(10, 0, -3), np.arange(5, 1))
print(np.arange(0.0, 1.0, 0.3), np.arange(0.1, 1, 0.3), np.arange(1.0, 2), np.arange(3.0))
print(np.linspace(0, 1, 5), np.linspace(2, 3, num=4), np.linspace(1, 2, 1), np.linspace(0, 1, 0))
print(np.linspace(0.0, 1.0), len(np.linspace(-1, 1)))
n = 4
sq = np.zeros((n, n), dtype=np.int64)
for i in range(n):
    sq[i, i] = int64(i) << 40
print(sq)
try:
    np.zeros(-1)
except ValueError as e:
    print("ValueError:", e)
try:
    np.linspace(0, 1, -2)
except ValueError as e:
    print("ValueError:", e)
try:
    np.arange(0, 5, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
