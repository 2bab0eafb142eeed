# Arrays pass to functions (annotated with array[T, n] or inferred) and
# back; the callee shares the caller's elements, as in NumPy.
import numpy as np

def scale(v: array[float, 1], k: float) -> array[float, 1]:
    return v * k

def normalize(v):
    total = 0.0
    for x in v:
        total += x
    v /= total

def trace(m: array[int32, 2]) -> int32:
    s = 0
    for i in range(len(m)):
        s += m[i, i]
    return s

def outer(a, b):
    return array([[x * y for y in b] for x in a])

def zero_first_row(m):
    m[0] = 0

v = np.array([1.0, 3.0])
normalize(v)
print(v, scale(v, 2.0))
m = array([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
print(trace(m), outer(array([1, 2]), array([3, 4, 5])))
zero_first_row(m)
print(m)
arrays = [array([1, 2]), array([3, 4])]
print(arrays, (array([1.5]), array([True])), [np.zeros((2, 2))])
