# int32 multiplication wraps; the shim's int32() models it under CPython.
x = 1
for i in range(12):
    x = int32(x * 7)
    print(x)
print(int32(65536 * 65536), int32(65535 * 65537), int32(-46341 * 46341))
h = 0
for c in [104, 101, 108, 108, 111]:
    h = int32(h * 31 + c)
print(h)
