# Printing deeply nested lists and tuples.
a = [[[1, 2], [3]], [[4]]]
print(a)
t = ((1, (2, (3, (4,)))),)
print(t)
m = [([1.5], ("x", True)), ([], ("", False))]
print(m)
print([(1, 2)] * 2, [[0] * 2] * 2)
