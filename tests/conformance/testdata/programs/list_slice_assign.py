# Slice assignment with a list of the same length, with and without steps.
xs = [0, 0, 0, 0, 0]
xs[0:5:2] = [1, 2, 3]
print(xs)
xs[1:3] = [7, 8]
print(xs)
xs[::-1] = [10, 20, 30, 40, 50]
print(xs)
xs[:] = [5, 4, 3, 2, 1]
print(xs)
ys = [0.0] * 4
ys[1::2] = [0.5, 1.5]
print(ys)
