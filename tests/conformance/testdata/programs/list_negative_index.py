# Negative indices count from the end for reading and writing.
xs = [10, 20, 30, 40, 50]
print(xs[-1], xs[-2], xs[-5], xs[len(xs) - 1])
xs[-1] = 55
xs[-5] = 11
print(xs)
for i in range(1, 6):
    print(-i, xs[-i])
