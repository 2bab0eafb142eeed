# copy(), flatten(), fill(), sum(), min() and max() of arrays.
import numpy as np

a = array([3, 1, 2])
b = a.copy()
b[0] = 0
print(a, b, a.sum(), a.min(), a.max())
m = array([[1.5, -2.0], [4.0, 0.5]])
print(m.flatten(), m.sum(), m.min(), m.max(), m.copy())
z = np.zeros(3)
z.fill(2.5)
print(z, z.sum())
flags = array([True, False, True])
print(flags.sum(), flags.min(), flags.max())
try:
    np.zeros(0).max()
except ValueError as e:
    print("ValueError:", e)
