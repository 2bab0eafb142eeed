# Integer and float powers with non-negative integer exponents.
for b in range(-3, 4):
    print(b, b ** 0, b ** 1, b ** 2, b ** 3, b ** 5)
print(10 ** 9, 2 ** 30, 3 ** 19)
print(2.0 ** 10, 0.5 ** 3, 2.0 ** -1, 9.0 ** 0.5, 1.5 ** 2)
def ipow(b: int32, e: int32) -> int32:
    r = 1
    for i in range(e):
        r *= b
    return r
ok = True
for e in range(10):
    if ipow(3, e) != 3 ** e:
        ok = False
print(ok)
