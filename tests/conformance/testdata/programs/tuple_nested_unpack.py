# Nested tuple unpacking in assignments and loops.
(a, b), c = (1, 2), 3
print(a, b, c)
x, (y, (z, w)) = 1, (2, (3, 4))
print(x + y + z + w)
data = [((1, 2), "a"), ((3, 4), "b")]
for (p, q), name in data:
    print(name, p * q)
