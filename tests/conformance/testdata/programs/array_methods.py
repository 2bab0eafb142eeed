# copy(), flatten(), fill(), sum(), mean(), min() and max() of arrays,
# also as numpy.sum(a) and friends.
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
# Float sums and means round as NumPy's pairwise summation does.
r = np.linspace(0.1, 3.3, 300)
print(r.sum(), np.sum(r), r.mean(), np.mean(array([1, 2, 4])), np.min(r), np.max(array([3, 9, 2])), np.amax(r))
print(np.mean(np.zeros((2, 3))), array([True, True, False]).mean(), np.arange(0.0, 10.0, 0.1).sum())
