# Classes created in kernels: __init__, attributes, methods, class
# constants, inheritance with overriding, self-dispatch.
class Counter:
    step = 2

    def __init__(self, start: int32):
        self.value = start
        self.history = [0] * 3

    def bump(self) -> None:
        self.value += self.step
        self.history[self.value % 3] = self.value

    def get(self) -> int32:
        return self.value

class Shape:
    def __init__(self, w: float, h: float):
        self.w = w
        self.h = h

    def area(self) -> float:
        return self.w * self.h

    def describe(self) -> None:
        print("area", self.area())

class Triangle(Shape):
    def area(self) -> float:
        return self.w * self.h / 2

c = Counter(5)
c.bump()
c.bump()
print(c.get(), c.value, Counter.step, c.history)
d = c
d.value = 100
print(c.value)
s = Shape(2.0, 3.0)
t = Triangle(2.0, 3.0)
s.describe()
t.describe()
print(t.w, t.area())

class Node:
    def __init__(self, v: int32):
        self.v = v
        self.total = 0

    def add(self, x: int32) -> int32:
        self.total += x * self.v
        return self.total

n = Node(3)
for i in range(4):
    n.add(i)
print(n.total)
