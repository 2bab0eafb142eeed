# Returned closures keep their captured values alive and independent.
def make_adder(n: int32):
    def add(x: int32) -> int32:
        return x + n
    return add

def make_linear(a: float, b: float):
    return lambda x: a * x + b

adders = [make_adder(i) for i in range(4)]
print([f(10) for f in adders])
f = make_linear(2.0, 0.5)
g = make_linear(-1.0, 3.0)
print(f(1.0), g(1.0), f(g(2.0)))
