# `is` compares objects and lists by identity; numbers and bools are values
# and compare by value (values of different kinds are never identical).
class P:
    def __init__(self, v: int32):
        self.v = v

class Q:
    def __init__(self):
        self.w = 0

a = P(1)
b = a
c = P(1)
q = Q()
print(a is b, a is c, a is not c, b is not a, a is q)
xs = [1, 2]
ys = xs
zs = [1, 2]
print(xs is ys, xs is zs, xs == zs, xs is not zs)
n = 7
m = 3 + 4
t = n > 5
print(n is m, t is True, t is not False, None is None, n is not m)
