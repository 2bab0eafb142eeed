# `in` and `not in` on lists of ints, floats, strings, tuples and lists.
xs = [4, 8, 15]
print(4 in xs, 5 in xs, 5 not in xs, 15 not in xs)
print(0.5 in [0.5, 1.0], 2.0 in [0.5, 1.0])
print("b" in ["a", "b"], "c" in ["a", "b"])
print((1, 2) in [(1, 2), (3, 4)], (2, 1) in [(1, 2)])
print([1] in [[1], [2]], [] in [[1]])
print(3 in [], 8 in xs[2:])
