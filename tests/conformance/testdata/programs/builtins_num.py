# abs, min, max, int, round on integers.
print(abs(-5), abs(5), min(3, 1, 2), max(3, 1, 2))
print(int(7), int64(7) + 1, round(9))
print(min(-1, -2), max(-1, -2))
