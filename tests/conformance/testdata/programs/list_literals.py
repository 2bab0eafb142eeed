# List literals of each element type, printed with Python's formatting.
print([1, 2, 3], [-1], [0] * 0)
print([1.5, -0.0, 1e20], [True, False])
print(["a", "b'c", 'd"e'])
print([[1], [2, 3], []], [(1, 2.5), (3, 4.5)])
print([int64(1) << 40, int64(-1)])
xs = [10, 20, 30]
print(len(xs), len([]), len([[1, 2]]))
