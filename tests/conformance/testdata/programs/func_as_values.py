# Functions as values: passed, returned, stored in variables and lists.
def inc(x: int32) -> int32:
    return x + 1

def dbl(x: int32) -> int32:
    return x * 2

def compose(f, g):
    return lambda x: f(g(x))

def apply_n(f, n: int32, x: int32) -> int32:
    for i in range(n):
        x = f(x)
    return x

h = compose(inc, dbl)
print(h(5), compose(dbl, inc)(5))
print(apply_n(dbl, 10, 1), apply_n(inc, 5, 0))
ops = [inc, dbl, inc]
x = 3
for op in ops:
    x = op(x)
print(x)
pick = dbl if x > 5 else inc
print(pick(100))
