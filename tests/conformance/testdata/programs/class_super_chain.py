# super() and Base.method(self, ...) in a chain of classes: the method found
# from the base runs with self of the derived class, overrides still dispatch
# on self.
class Sensor:
    def __init__(self, name: str, gain: float):
        self.name = name
        self.gain = gain
        self.reads = 0

    def scale(self) -> float:
        return self.gain

    def read(self, raw: int32) -> float:
        self.reads += 1
        return raw * self.scale()

    def describe(self) -> str:
        return "sensor " + self.name

class Diode(Sensor):
    def __init__(self, name: str):
        super().__init__(name, 0.5)
        self.offset = 2

    def read(self, raw: int32) -> float:
        return super().read(raw) + self.offset

    def describe(self) -> str:
        return Sensor.describe(self) + " (diode)"

class CooledDiode(Diode):
    def __init__(self, name: str, temp: int32):
        Diode.__init__(self, name)
        self.temp = temp

    def scale(self) -> float:
        return 2.0

    def describe(self) -> str:
        return super(CooledDiode, self).describe() + " at " + ("low" if self.temp < 0 else "room") + " temperature"

class Plain:
    def __init__(self):
        super().__init__()
        self.v = 1

s = Sensor("s", 1.5)
d = Diode("d")
c = CooledDiode("c", -20)
for x in [4, 10]:
    print(s.read(x), d.read(x), c.read(x))
print(s.describe())
print(d.describe())
print(c.describe())
print(s.reads, d.reads, c.reads, d.offset, c.offset, c.temp, Plain().v)
