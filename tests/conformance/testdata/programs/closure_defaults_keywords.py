# Nested functions and lambdas with defaults, called by position and by
# keyword, directly and through function values.
def outer(n: int32) -> int32:
    def add(x: int32, y: int32 = 100) -> int32:
        return x + y + n
    return add(1) + add(1, 2) + add(y=5, x=0)

print(outer(1), outer(-1))

def call(f) -> int32:
    return f(2)

print(call(lambda a, b=7: a * b), call(lambda a: a + 1))
label = lambda name, suffix="!": name + suffix
print(label("go"), label("stop", "."), label(suffix="?", name="why"))
g = lambda: 42
print(g())
