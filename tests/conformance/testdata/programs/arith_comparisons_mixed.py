# Comparisons between int32, int64 and float values.
a = 3
b = int64(3)
c = 3.0
print(a == b, b == c, a == c, a < 3.5, b > 2.5, c <= a)
print(int64(1) << 40 > 2147483647, -1 < int64(0), 0.5 < 1)
print(max(1, 2) == 2, min(2.0, 3.0) == 2)
