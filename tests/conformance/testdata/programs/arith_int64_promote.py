# Mixing int32 and int64 promotes to int64; int64 does not wrap at 32 bits.
a = int64(2147483647)
b = 1
print(a + b, a * 2, b - a - 10)
c = int64(1) << 40
print(c, c >> 20, c | 5, c // 3, c % 1000)
d = int64(-5000000000)
print(d, d // 7, d % 7, -d, abs(d))
e = 3000000000
f = e * 3
print(e, f, f - e, e > 2147483647)
xs = [int64(1), int64(2)]
xs[0] = xs[0] + 4294967296
print(xs)
