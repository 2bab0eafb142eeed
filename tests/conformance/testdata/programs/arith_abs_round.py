# abs and round on ints and floats; round uses banker's rounding.
for v in [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4999, 2.5001, 7.0, -7.3]:
    print(v, round(v), abs(v))
for i in [-3, 0, 3]:
    print(abs(i), round(i))
print(abs(int64(-10000000000)), abs(-0.0))
