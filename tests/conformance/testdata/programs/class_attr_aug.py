# Augmented assignment on attributes and on subscripts of attributes.
class State:
    def __init__(self):
        self.n = 0
        self.f = 1.0
        self.xs = [0, 0, 0]

s = State()
for i in range(5):
    s.n += i
    s.f *= 2
    s.xs[i % 3] += i
print(s.n, s.f, s.xs)
s.n -= 100
s.xs[-1] *= 10
print(s.n, s.xs)
