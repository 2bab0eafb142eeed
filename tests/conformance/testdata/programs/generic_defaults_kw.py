# Generic functions with defaults and keyword arguments.
def lerp(a, b, t=0.5):
    return a + (b - a) * t

def pick(first, second, use_second=False):
    if use_second:
        return second
    return first

print(lerp(0.0, 10.0), lerp(0.0, 10.0, 0.25), lerp(a=1.0, b=3.0, t=1.0))
print(pick(1, 2), pick(1, 2, True), pick("a", "b", use_second=True))
