# Methods returning values of several types, called in expressions.
class Stats:
    def __init__(self):
        self.n = 0
        self.total = 0.0
        self.maxv = 0.0

    def add(self, v: float) -> None:
        self.n += 1
        self.total += v
        if v > self.maxv:
            self.maxv = v

    def mean(self) -> float:
        return self.total / self.n

    def summary(self) -> tuple[int32, float, float]:
        return self.n, self.mean(), self.maxv

s = Stats()
for v in [1.0, 4.0, 2.5, 0.5]:
    s.add(v)
print(s.summary(), s.mean() > 1.0)
