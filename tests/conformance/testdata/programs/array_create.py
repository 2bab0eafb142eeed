# Arrays from lists (1-D, 2-D, 3-D), from lists of arrays, from arrays
# (a copy), with a dtype, and from comprehensions; len, .shape, .size,
# .ndim and NumPy's printing.
import numpy as np

a = array([1, 2, 3])
print(a, len(a), a.shape, a.size, a.ndim)
f = np.array([1.0, 2.5, -3.25])
print(f, f.shape)
m = array([[1, 2, 3], [4, 5, 6]])
print(m, len(m), m.shape, m.size, m.ndim)
t = array([[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]])
print(t, t.shape)
rows = [array([1, 2]), array([3, 4]), array([5, 6])]
r = array(rows)
print(r, r.shape)
c = array(a)
c[0] = 100
print(a, c)
sq = array([i * i for i in range(6)])
print(sq)
grid = array([[i + j for j in range(3)] for i in range(2)])
print(grid)
fl = np.array([1, 2, 3], dtype=float)
print(fl, np.array([0, 1, 2], dtype=bool), np.array([1.9, -1.9], dtype=np.int32))
empty = array([1])
empty = array([])
print(empty, len(empty), empty.shape)
b = array([True, False, True])
print(b, b.shape)
big = np.array([1, 2, 3], dtype=np.int64)
print(big * int64(1000000000000))
