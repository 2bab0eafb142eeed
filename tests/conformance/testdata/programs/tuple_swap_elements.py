# Tuple assignment swaps list elements and attributes atomically.
xs = [1, 2, 3, 4]
xs[0], xs[3] = xs[3], xs[0]
print(xs)
i = 1
xs[i], xs[i + 1] = xs[i + 1], xs[i]
print(xs)
a, b = 1, 2
a, b = b, a + b
a, b = b, a + b
print(a, b)
