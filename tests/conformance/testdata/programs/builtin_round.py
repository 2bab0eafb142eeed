# round() on floats to the nearest int with ties to even, and on ints.
for v in [0.4, 0.5, 0.6, 1.5, 2.5, -0.5, -1.5, -2.6, 1e9 + 0.5, 123.456]:
    print(v, round(v))
print(round(7), round(-7))
print(round(1.4) == 1 and round(1.6) == 2)
