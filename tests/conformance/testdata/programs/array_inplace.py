# x op= y changes the array in place, as NumPy does: every name holding it
# and the array a row or a slice belongs to see the change; overlapping
# operands read the values from before; the result must keep x's shape.
import numpy as np

a = array([1, 2, 3])
alias = a
a += array([10, 20, 30])
print(a, alias)
c = a
c -= 1
c *= 2
c //= 3
c %= 7
c **= 2
print(a)
f = np.ones(3)
f /= 4
f += a
print(f)
m = array([[1, 2], [3, 4]])
m[0] += 100
m[1] *= array([2, 3])
m += array([1, 1])
print(m)
m += m[0]
print(m)
v = array([1, 2, 3, 4])
v[1:] += v[:3]
print(v)
w = array([[5, 6]])
try:
    w += array([[1, 2], [3, 4]])
    print(w)
except ValueError as e:
    print("ValueError:", e)
b = array([True, False])
b &= array([True, True])
b |= array([False, True])
print(b)
