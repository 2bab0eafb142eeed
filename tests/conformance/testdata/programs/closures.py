# Nested functions, closures over variables (by reference), nonlocal,
# lambdas, functions as values and lists of functions.
def make_adder(n: int32):
    def add(x: int32) -> int32:
        return x + n
    return add

def counter() -> int32:
    count = 0
    def bump() -> None:
        nonlocal count
        count += 1
    for i in range(5):
        bump()
    return count

def apply(f, x: int32) -> int32:
    return f(x)

def double(x: int32) -> int32:
    return 2 * x

add5 = make_adder(5)
print(add5(10), make_adder(-1)(1))
print(counter())
square = lambda v: v * v
print(square(7), apply(square, 3), apply(double, 4))
fs = [double, square, add5]
print([f(3) for f in fs])

def outer() -> int32:
    total = 10
    def middle() -> int32:
        def inner() -> int32:
            return total + 1
        return inner()
    total = 20
    return middle()

print(outer())
scale = 3
print((lambda y: y * scale)(4))
