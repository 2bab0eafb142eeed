# int(), float(), bool() conversions.
print(int(1.0), int(-1.9), int(3), int(True))
print(float(1), float(-7), float(int64(1) << 40), float(False))
print(bool(0), bool(1), bool(-3), bool(0.0), bool(2.5), bool(True))
x = 7
print(int(x / 2), float(x // 2), bool(x % 2))
