# Element-wise arithmetic between arrays and with scalars, NumPy's type
# promotion (int32 op float is float, / is always float) and its integer
# semantics (floor division and modulo signs, powers).
import numpy as np

a = array([1, 2, 3])
b = array([4, 5, 6])
print(a + b, b - a, a * b, b // a, a ** b, b % a, b / a)
print(a + 1, 1 - a, a * 1, a // 2, a ** 2, 2 ** a, a % 2, a / 2, 2 / array([1, 2, 4]))
print(a * 1.5, a + 0.25, -a, +a)
x = array([-7, 7, -7, 7])
y = array([2, 2, -2, -2])
print(x // y, x % y)
fx = np.array([-7.5, 7.5, -7.5, 7.5])
fy = np.array([2.0, 2.0, -2.0, -2.0])
print(fx // fy, fx % fy, fx / fy, fx ** 2)
d = array([[1, 2], [3, 4]])
e = array([[5, 6], [7, 8]])
print(d + e, d * 10, d - 0.5)
print(a & 6, a | 8, a ^ b, a << 2, b >> 1, ~a)
print(array([True, False]) & array([True, True]), array([True, False]) | array([False, False]))
i64 = np.array([1, 2], dtype=np.int64)
print(i64 + a[:2], (i64 * 3.0))
