# Lists of functions, indexed and iterated.
def a(x: int32) -> int32:
    return x + 1

def b(x: int32) -> int32:
    return x * 3

def c(x: int32) -> int32:
    return -x

fs = [a, b, c]
print(fs[0](1), fs[1](1), fs[-1](1))
x = 2
for f in fs:
    x = f(x)
print(x)
print([f(10) for f in fs])
fs[0] = c
print(fs[0](5))
