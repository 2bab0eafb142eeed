# min and max of lists and of several arguments.
xs = [5, -2, 9, 0]
print(min(xs), max(xs), min(xs[1:]), max(xs[:1]))
fs = [2.5, -0.5, 1e10]
print(min(fs), max(fs))
print(min(1, 2), max(1, 2), min(1.0, 2.0), max(1.0, 2.0))
print(min(3, 1, 2), max(3, 1, 2), min(-1.5, 2.0, 0.0))
print(max([int64(1), int64(5000000000)]))
