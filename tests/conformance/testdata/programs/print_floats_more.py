# Float printing around the repr switch points and for computed values.
for e in range(-7, 18, 3):
    print(e, 10.0 ** e, 1.5 * 10.0 ** e)
print(1/7, 22/7, 1e16 + 1, 2.0 ** 53, 2.0 ** 53 + 1)
print(float(2147483647), float(int64(1) << 62))
print(123.456, 0.000123, 1234567890123.0)
