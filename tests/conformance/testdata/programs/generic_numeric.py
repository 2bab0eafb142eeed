# Generic arithmetic helpers on int32, int64 and float.
def square(x):
    return x * x

def mean3(a, b, c):
    return (a + b + c) / 3

def clamp(x, lo, hi):
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x

print(square(7), square(1.5), square(int64(100000)))
print(mean3(1, 2, 4), mean3(0.5, 0.5, 2.0))
print(clamp(5, 0, 3), clamp(-1.5, 0.0, 1.0), clamp(0.5, 0.0, 1.0))
