# Slicing with positive and negative steps and out-of-range bounds.
xs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
print(xs[::3], xs[1::3], xs[::-3], xs[8:2:-2], xs[2:8:-1])
print(xs[-2:], xs[:-8], xs[-100:100], xs[5:5], xs[7:3])
print(xs[0:1:2], xs[0:2:2], xs[0:3:2], xs[1:-1] == xs[1:9])
for step in [1, 2, 3, -1, -4]:
    print(step, xs[::step])
ys = xs[:]
ys[0] = 99
print(xs[0], ys[0])
