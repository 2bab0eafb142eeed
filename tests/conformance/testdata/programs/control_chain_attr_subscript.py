# Assignment chains and augmented assignment on names, attributes and
# subscripts together.
class P:
    def __init__(self):
        self.x = 0
        self.ys = [0, 0]

p = P()
xs = [0, 0, 0]
a = p.x = xs[1] = p.ys[0] = 7
print(a, p.x, xs, p.ys)
xs[a % 3] += 5
p.ys[-1] -= 2
p.x *= 3
print(xs, p.ys, p.x)
