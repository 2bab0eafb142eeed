# Closures see a variable's current value at call time, not definition time.
def test() -> None:
    x = 1
    def show() -> int32:
        return x
    print(show())
    x = 2
    print(show())
    x += 40
    print(show())

test()

def make() -> int32:
    base = 10
    f = lambda d: base + d
    base = 100
    return f(1)

print(make())
