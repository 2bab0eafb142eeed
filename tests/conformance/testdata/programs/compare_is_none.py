# `x is None` is false for every value that is not None.
class P:
    def __init__(self):
        self.v = 1
p = P()
s = "x"
t = (1, 2)
r = range(3)
f = 1.5
print(p is None, s is not None, t is None, r is None, f is None, None is None, [] is not None)
