# A class with __init__, attributes and methods that call each other.
class Point:
    def __init__(self, x: float, y: float):
        self.x = x
        self.y = y

    def norm2(self) -> float:
        return self.x * self.x + self.y * self.y

    def scale(self, k: float) -> None:
        self.x *= k
        self.y *= k


def dot(a, b) -> float:
    return a.x * b.x + a.y * b.y

p = Point(3.0, 4.0)
q = Point(1.0, -1.0)
print(p.x, p.y, p.norm2(), dot(p, q))
p.scale(0.5)
print(p.x, p.y, p.norm2())
