# Three-level inheritance with partial overriding and attribute sharing.
class Base:
    tag = "base"

    def __init__(self, v: int32):
        self.v = v

    def value(self) -> int32:
        return self.v

    def describe(self) -> None:
        print(self.tag, self.value())

class Mid(Base):
    def value(self) -> int32:
        return self.v * 10

class Leaf(Mid):
    tag = "leaf"

b = Base(1)
m = Mid(2)
l = Leaf(3)
b.describe()
m.describe()
l.describe()
print(Leaf.tag, Mid.tag, l.v)
