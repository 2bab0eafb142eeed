# min/max with two or more arguments of the same type, and of lists.
print(min(1, 2), max(1, 2), min(2, 1), max(2, 1))
print(min(1.0, 2.0), max(1.0, 2.0), min(-0.5, -1.5, 3.0))
print(min(5, 3, 9, 1, 7), max(5, 3, 9, 1, 7))
print(min(int64(5), int64(-9)), max(int64(1) << 40, int64(7)))
xs = [4, 2, 8]
print(min(xs), max(xs), min([1.5]), max([-1.0, -2.0]))
