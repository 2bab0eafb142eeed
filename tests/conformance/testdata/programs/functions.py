# Functions with annotations, defaults, keyword arguments, recursion.
def add(x: int32, y: int32 = 10) -> int32:
    return x + y

def fact(n: int32) -> int32:
    if n <= 1:
        return 1
    return n * fact(n - 1)

def scale(value: float, factor: float = 2.0) -> float:
    return value * factor

def is_even(n: int32) -> bool:
    return n % 2 == 0

def nothing() -> None:
    print("side effect")

print(add(1, 2), add(5), add(y=1, x=2))
print(fact(10))
print(is_even(4), is_even(7))
nothing()
r = nothing()
