# Class attributes: assigned through the class (shared, inherited) and
# shadowed per instance by assignments through an instance.
class S:
    period = 10
    label = "s"

    def bump(self) -> None:
        S.period = 20

class Counter:
    created = 0
    step = 1.5
    def __init__(self):
        Counter.created += 1
        self.id = Counter.created

class T(S):
    pass

s = S()
print(S.period, s.period, T.period)
s.bump()
print(S.period, s.period, T.period)
a = Counter()
b = Counter()
print(a.id, b.id, Counter.created, a.created)
Counter.step = 2.5
print(a.step)
class C:
    x = 1
    def set(self) -> None:
        self.x = 5
c = C()
print(c.x)
c.set()
print(c.x, C.x)
d = C()
print(d.x)
d.x += 10
print(d.x, c.x, C.x)
