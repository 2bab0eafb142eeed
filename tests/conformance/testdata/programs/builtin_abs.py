# abs on int32, int64 and float values.
print(abs(-5), abs(0), abs(7), abs(-2147483647))
print(abs(int64(-10000000000)), abs(int64(3)))
print(abs(-1.5), abs(1.5), abs(-0.0), abs(-1e300))
xs = [-3, 4, -5]
print([abs(x) for x in xs])
