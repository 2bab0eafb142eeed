# Assignment chains bind every target to the same value.
a = b = c = 5
print(a, b, c)
a += 1
print(a, b, c)
xs = ys = [1, 2]
xs[0] = 9
print(xs, ys)
p, q = r = (3, 4)
print(p, q, r)
