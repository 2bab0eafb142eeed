# Assigning to a slice replaces it and grows or shrinks the list in place;
# an extended slice keeps its size.
xs = [0, 1, 2, 3, 4, 5]
ys = xs
xs[1:3] = [10]
print(xs, ys)
xs[0:0] = [7, 8]
print(xs)
xs[-2:] = [9, 9, 9]
print(xs)
xs[2:4] = []
print(xs)
xs[::2] = [0] * len(xs[::2])
print(xs)
xs[:] = xs + xs
print(xs, len(ys))
try:
    xs[::2] = [1]
except ValueError:
    print("ValueError")
