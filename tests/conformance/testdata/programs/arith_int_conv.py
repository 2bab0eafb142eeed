# int() truncates floats toward zero; int32()/int64() convert explicitly.
for v in [2.9, -2.9, 0.5, -0.5, 100.0, -0.0, 1e9]:
    print(v, int(v), int64(v))
print(int(True), int(False), int32(True), int(7))
print(int64(2**31 - 1) + 1, int32(int64(5)))
print(float(3), float(-3), float(True), float(int64(10000000000)))
