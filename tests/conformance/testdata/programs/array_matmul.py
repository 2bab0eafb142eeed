# The matrix product @ of vectors and matrices (NumPy's matmul for one
# and two dimensions), with NumPy's ValueError for inner dimensions that
# differ.
import numpy as np

m23 = array([[1, 2, 3], [4, 5, 6]])
m32 = array([[1, 2], [3, 4], [5, 6]])
v2 = array([1, 2])
v3 = array([1, 2, 3])
print(v3 @ v3, m23 @ m32, m23 @ v3, v3 @ m32, v2 @ m23)
rot = np.array([[0.0, -1.0], [1.0, 0.0]])
p = np.array([2.0, 0.5])
print(rot @ p, rot @ rot, p @ p, np.ones((2, 2)) @ [1, 2])
try:
    print(m23 @ m23)
except ValueError as e:
    print("ValueError:", e)
try:
    print(v2 @ v3)
except ValueError as e:
    print("ValueError:", e)
