# PENDING: reading a local before it is assigned is accepted and reads zero: this prints 1 then 1 and 0 where CPython raises UnboundLocalError (exit 1); ARTIQ's compiler rejects it ("variable is not always initialized"), so kernelc should diagnose it; minimal: x = 10 / def f() -> int32: x = x + 1; return x
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
