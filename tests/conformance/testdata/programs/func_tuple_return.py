# Returning tuples and unpacking them at the call site.
def divmod2(a: int32, b: int32) -> tuple[int32, int32]:
    return a // b, a % b

def stats(xs: list[float]) -> tuple[float, float, float]:
    lo = xs[0]
    hi = xs[0]
    s = 0.0
    for x in xs:
        if x < lo:
            lo = x
        if x > hi:
            hi = x
        s += x
    return lo, hi, s / len(xs)

q, r = divmod2(17, 5)
print(q, r, divmod2(-17, 5))
lo, hi, mean = stats([1.0, 4.0, 2.5, 0.5])
print(lo, hi, mean)
