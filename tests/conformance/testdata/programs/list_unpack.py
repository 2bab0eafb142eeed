# Unpacking lists into targets, including list-style targets.
[x, y] = [1, 2]
print(x, y)
a, b, c = [10, 20, 30]
print(a, b, c)
p, q = [1.5, 2.5]
print(p + q)
xs = [[1, 2], [3, 4]]
for [u, v] in xs:
    print(u * v)
