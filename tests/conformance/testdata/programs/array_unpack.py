# Arrays unpack into targets (elements, or rows of a matrix) and iterate
# into tuples of targets; array() takes ranges; lists of arrays compare by
# NumPy's element-wise truth.
import numpy as np

p, q = array([5, 6])
print(p, q)
for x, y in array([[1, 2], [3, 4]]):
    print(x + y)
top, bottom = np.zeros((2, 3))
top[0] = 1.0
print(top, bottom)
print(np.array(range(5)), array(range(10, 0, -3)), np.array(range(3), dtype=float))
try:
    a, b, c = array([1, 2])
except ValueError as e:
    print("ValueError")
print([array([1])] == [array([1])], array([2]) in [array([1]), array([2])])
try:
    print("not printed", array([1, 2]) in [array([1, 2]), array([3])])
except ValueError as e:
    print("ValueError:", e)
