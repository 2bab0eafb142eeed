# len of lists, strings, tuples and ranges.
print(len([1, 2, 3]), len("abcd"), len((1, 2.0)), len(range(10)))
print(len(range(0, 10, 2)), len(range(10, 0, -3)), len(range(3, 3)), len(range(5, 0)))
print(len([[1], [2, 3]]), len([0] * 7), len("a" + "bc"))
xs = [1, 2, 3, 4, 5, 6]
print(len(xs[1:]), len(xs[::2]), len(xs[::-4]))
