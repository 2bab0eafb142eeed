# Reading a local before it is assigned raises UnboundLocalError (uncaught here: exit 1).
x = 10

def f() -> int32:
    x = x + 1
    return x

def g(flag: bool) -> int32:
    if flag:
        y = 1
    return y

print(f())
print(g(True))
print(g(False))
