# Functions with many parameters of mixed types.
def combine(a: int32, b: int64, c: float, d: bool, e: str, f: int32, g: float, h: int32) -> float:
    print(a, b, c, d, e, f, g, h)
    total = a + b + f + h
    if d:
        return total + c + g
    return total - c - g

print(combine(1, int64(2), 3.5, True, "x", 4, 0.25, 5))
print(combine(1, int64(10000000000), 3.5, False, "y", 4, 0.25, 5))
