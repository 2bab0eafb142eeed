# Printing tuples of every element type.
print((1,), (1, 2), ())
print((1.5, -2.0), (True, False), ("a", "b"))
print(((1, 2), (3, (4, 5))))
print(([1, 2], [3]))
print((int64(1) << 33, 0.1))
