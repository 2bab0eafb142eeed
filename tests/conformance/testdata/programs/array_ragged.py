# array() of lists checks at run time that they are rectangular, level by
# level as NumPy discovers the shape, and raises NumPy's ValueError.
import numpy as np

def rows(n):
    if n == 3:
        return [[1, 2], [3, 4], [5]]
    return [[1, 2], [3, 4]]

print(array(rows(2)))
for case in [rows(3), [[1], [2, 3]], [[], [1]]]:
    try:
        print(array(case))
    except ValueError as e:
        print("ValueError:", e)
deep = [[[1, 2], [3]], [[5, 6]]]
try:
    print(array(deep))
except ValueError as e:
    print("ValueError:", e)
deep2 = [[[1, 2], [3, 4]], [[5, 6], [7]]]
try:
    print(array(deep2))
except ValueError as e:
    print("ValueError:", e)
parts = [np.zeros(2), np.zeros(3)]
try:
    print(array(parts))
except ValueError as e:
    print("ValueError:", e)
print(array([np.zeros(2), np.ones(2)]), array([[], []]).shape)
