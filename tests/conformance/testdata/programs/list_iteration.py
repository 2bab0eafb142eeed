# Iterating lists of ints, floats, strings, lists and tuples.
total = 0
for x in [1, 2, 3, 4]:
    total += x
print(total)
prod = 1.0
for f in [0.5, 4.0, 3.0]:
    prod *= f
print(prod)
for s in ["a", "bc", ""]:
    print(s, len(s))
for row in [[1, 2], [3, 4, 5]]:
    print(row, len(row))
for name, value in [("x", 1), ("y", 2)]:
    print(name, value)
