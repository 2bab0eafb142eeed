# NumPy's element-wise division by zero does not raise: integer floor
# division and modulo give 0, float division gives inf or nan; integers
# to negative powers raise ValueError.
import numpy as np

a = array([5, -5, 0])
print(a // 0, a % 0, a // array([0, 2, 0]), a % array([3, 0, -3]))
f = np.array([1.5, -1.5, 0.0])
print(f / 0.0, f // 0.0, f % 0.0, a / 0)
print(array([-2147483647 - 1, 7]) // -1, array([-2147483647 - 1]) % -1)
try:
    print(a ** array([1, -1, 2]))
except ValueError as e:
    print("ValueError:", e)
print(a ** 2, f ** -1.0)
