# Instance attributes holding lists, tuples and strings.
class Sequence:
    def __init__(self, name: str, n: int32):
        self.name = name
        self.times = [0] * n
        self.span = (0, n)

    def fill(self, step: int32) -> None:
        for i in range(len(self.times)):
            self.times[i] = i * step

    def last(self) -> int32:
        return self.times[-1]

s = Sequence("ramp", 5)
s.fill(3)
print(s.name, s.times, s.span, s.last())
s.times = [1, 2]
print(s.times, len(s.times))
