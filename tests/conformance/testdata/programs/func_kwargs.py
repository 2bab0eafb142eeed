# Keyword arguments in any order, mixed with positional ones.
def f(a: int32, b: int32, c: int32) -> int32:
    return a * 100 + b * 10 + c

print(f(1, 2, 3), f(c=3, b=2, a=1), f(1, c=3, b=2), f(1, 2, c=3))

def g(x: float, y: float = 10.0, z: float = 100.0) -> float:
    return x + y + z

print(g(1.0), g(1.0, z=0.0), g(y=0.5, x=0.25), g(z=1.0, x=2.0, y=3.0))
