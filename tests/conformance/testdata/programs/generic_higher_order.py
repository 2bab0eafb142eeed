# Generic higher-order helpers with functions of several types.
def apply_all(f, xs):
    return [f(x) for x in xs]

def fold(f, init, xs):
    acc = init
    for x in xs:
        acc = f(acc, x)
    return acc

def add_i(a: int32, b: int32) -> int32:
    return a + b

def mul_f(a: float, b: float) -> float:
    return a * b

def neg(x: int32) -> int32:
    return -x

print(fold(add_i, 0, [1, 2, 3, 4]), fold(mul_f, 1.0, [0.5, 4.0, 3.0]))
print(apply_all(neg, [1, -2, 3]))
