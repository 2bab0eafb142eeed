# Methods as values (obj.method, uncalled): closures over their object,
# stored in fields, lists and passed to functions; one per object in loops.
class Counter:
    def __init__(self, start: int32):
        self.n = start
    def add(self, k: int32 = 1) -> int32:
        self.n += k
        return self.n

c = Counter(10)
inc = c.add
print(inc(), inc(5), c.n)
def apply_twice(f, x: int32) -> int32:
    f(x)
    return f(x)
print(apply_twice(c.add, 3), c.n)
class Holder:
    def __init__(self, c: Counter):
        self.cb = c.add
    def fire(self) -> int32:
        return self.cb(100)
h = Holder(c)
print(h.fire(), c.n)
fs = [Counter(1).add, Counter(2).add]
print([f(1) for f in fs])
class C2:
    def __init__(self, v: int32):
        self.v = v
    def get(self) -> int32:
        return self.v
objs = [C2(1), C2(2), C2(3)]
gs = [o.get for o in objs]
print([g() for g in gs])
