# int32() and int64() conversions between widths and from floats.
a = int64(5)
b = int32(a)
print(a, b, a + b)
print(int64(2147483647) + 1, int32(int64(100)) * 2)
print(int64(1.9), int32(-1.9), int64(1e12))
c = int64(1) << 40
print(c, int32(c), int32(c + 5))
