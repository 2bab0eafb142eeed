# UnboundLocalError (a NameError) where a local may be read before any
# assignment; reads after definite assignments are not checked.
x = 10
def f() -> int32:
    x = x + 1
    return x
def g(flag: bool) -> int32:
    if flag:
        y = 1
    return y
def last(n: int32) -> int32:
    for i in range(n):
        pass
    return i
def h(n: int32) -> int32:
    while True:
        if n > 3:
            r = n
            break
        n += 1
    return r
def k(n: int32) -> int32:
    try:
        v = 10 // n
    except ZeroDivisionError:
        v = -1
    return v
print(g(True), last(3), h(1), k(0), k(5))
try:
    print(last(0))
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
try:
    print(g(False))
except NameError as e:
    print("NameError:", e)
print(f())
