# Methods calling other methods, with defaults and keyword arguments.
class Ramp:
    def __init__(self, start: float, stop: float, steps: int32):
        self.start = start
        self.stop = stop
        self.steps = steps

    def at(self, i: int32) -> float:
        return self.start + (self.stop - self.start) * i / self.steps

    def values(self, every: int32 = 1) -> list[float]:
        return [self.at(i) for i in range(0, self.steps + 1, every)]

r = Ramp(0.0, 1.0, 4)
print(r.at(2), r.values(), r.values(2), r.values(every=4))
