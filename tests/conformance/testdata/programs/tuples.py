# Tuples: packing, unpacking, indexing, +, ==, iteration, nesting.
t = (1, 2.5, True)
print(t, t[0], t[1], t[-1], len(t))
a, b, c = t
print(a, b, c)
x, y = 1, 2
x, y = y, x
print(x, y)
u = (1, 2) + (3,)
print(u, u == (1, 2, 3), u != (1, 2, 3))
s = 0
for v in (4, 5, 6):
    s += v
print(s)
pts = [(1, 2), (3, 4)]
for px, py in pts:
    print(px + py)
print(pts, ((1, 2), 3), (5,), ())

def minmax(a: int32, b: int32) -> tuple[int32, int32]:
    if a < b:
        return a, b
    return b, a

lo, hi = minmax(9, 4)
print(lo, hi)
