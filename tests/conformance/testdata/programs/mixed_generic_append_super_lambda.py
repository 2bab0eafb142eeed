# A generic helper appending to lists of different types; super() inside a
# lambda in a method; class attributes per class; a handler growing the
# list it indexes; str() of nested containers.
def push_all(dst, src):
    for x in src:
        dst.append(x)
    return len(dst)
a = [1]
print(push_all(a, [2, 3]), push_all(a, range(4, 6)), a)
b = ["s"]
print(push_all(b, ["t"]), b)
class Base:
    tag = "base"
    def __init__(self, v: int32):
        self.v = v
    def show(self) -> str:
        return self.tag + ":" + str(self.v)
class Kid(Base):
    tag = "kid"
    def __init__(self, v: int32):
        super().__init__(v * 10)
    def show(self) -> str:
        f = lambda: super(Kid, self).show() + "!"
        return f()
print(Base(1).show(), Kid(2).show())
Base.tag = "BASE"
print(Base(3).show(), Kid(4).show())
def risky(xs: list[int32]) -> int32:
    total = 0
    for i in range(5):
        try:
            total += xs[i]
        except IndexError:
            xs.append(i)
            total += 100
        finally:
            total += 1
    return total
ys = [1, 2]
print(risky(ys), ys)
print(str([[1, 2], [3]]), str(("a", [1.5])), repr("it's"), str(range(1, 5, 2)))
