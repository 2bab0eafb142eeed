# Closures nested three levels deep, capturing from every level.
def level1(a: int32) -> int32:
    def level2(b: int32) -> int32:
        def level3(c: int32) -> int32:
            return a * 100 + b * 10 + c
        return level3(b + 1)
    return level2(a + 1)

print(level1(1), level1(3))

def outer() -> None:
    n = 0
    def mid() -> None:
        def inner() -> None:
            nonlocal n
            n += 5
        inner()
        inner()
    mid()
    print(n)

outer()
