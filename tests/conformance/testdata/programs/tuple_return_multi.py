# Functions returning tuples of mixed types, unpacked and stored.
def analyse(xs: list[int32]) -> tuple[int32, int32, float]:
    lo = xs[0]
    hi = xs[0]
    s = 0
    for x in xs:
        lo = min(lo, x)
        hi = max(hi, x)
        s += x
    return lo, hi, s / len(xs)

r = analyse([4, -1, 7, 2])
print(r)
lo, hi, mean = r
print(lo, hi, mean)
results = [analyse([1]), analyse([2, 3])]
print(results)
