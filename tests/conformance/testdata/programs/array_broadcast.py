# NumPy's broadcasting: a row against a matrix, a column against a row,
# dimensions of 1, and the ValueError of shapes that do not fit.
import numpy as np

m = array([[1, 2, 3], [4, 5, 6]])
row = array([10, 20, 30])
col = array([[100], [200]])
print(m + row)
print(m * col)
print(col + row)
print(np.ones((2, 1, 3)) * array([[1.0], [2.0]]))
one = array([5])
print(row + one, m - array([[1, 1, 1]]))
try:
    print(row + array([1, 2]))
except ValueError as e:
    print("ValueError:", e)
try:
    print(m + array([[1, 2], [3, 4]]))
except ValueError as e:
    print("ValueError:", e)
print(row + [1, 2, 3], [[1], [2]] * row)
