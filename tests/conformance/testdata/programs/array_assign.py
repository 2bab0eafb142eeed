# Item, row and slice assignment: scalars fill, arrays and lists copy
# with broadcasting, values are cast to the element type as NumPy casts
# them, and shapes that do not fit raise ValueError.
import numpy as np

m = np.zeros((3, 4))
m[0] = 1.0
m[1] = array([1, 2, 3, 4])
m[2] = [9.5, 8.5, 7.5, 6.5]
print(m)
m[0:2] = array([5.0, 6.0, 7.0, 8.0])
print(m)
m[:] = 0
print(m)
ai = array([0, 0, 0, 0, 0])
ai[1:4] = 7
ai[0] = 3.9
ai[-1] = -3.9
print(ai)
b = array([False, False, False])
b[0] = 5
b[1] = 0.0
print(b)
ai[1:3] = ai[2:4]
print(ai)
x = array([1, 2, 3, 4])
x[1:] = x[:3]
print(x)
try:
    m[0] = array([1.0, 2.0])
except ValueError as e:
    print("ValueError:", e)
try:
    m[0:2] = np.ones((3, 4))
except ValueError as e:
    print("ValueError:", e)
