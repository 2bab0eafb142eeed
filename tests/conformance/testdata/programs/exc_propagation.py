# Exceptions propagate through several call frames to the nearest handler.
def c(x: int32) -> int32:
    if x > 2:
        raise ValueError("too big")
    return x

def b(x: int32) -> int32:
    return c(x) * 10

def a(x: int32) -> int32:
    try:
        return b(x)
    except IndexError:
        print("never")
        return -1

for x in [1, 3]:
    try:
        print(a(x))
    except ValueError as e:
        print("top:", e)
