# `with a, b:` enters a then b and exits in the reverse order, also when
# the body raises, and each `as` target is bound.
class Tracker:
    def __init__(self, name: str):
        self.name = name

    def __enter__(self):
        print("enter", self.name)
        return self

    def __exit__(self, a, b, c):
        print("exit", self.name)

with Tracker("a") as x, Tracker("b") as y:
    print("body", x.name, y.name)

try:
    with Tracker("c"), Tracker("d"), Tracker("e"):
        raise ValueError("inner")
except ValueError as e:
    print("caught", e)

def nested(n: int32) -> int32:
    with Tracker("f"), Tracker("g"):
        if n > 0:
            return n * 2
    return -1

print(nested(3), nested(0))
