# Lambdas with zero, one and several parameters, defaults and captures.
k = lambda: 42
inc = lambda x: x + 1
add = lambda a, b: a + b
scaled = lambda v, f: v * f
print(k(), inc(1), add(2, 3), scaled(4, 3), scaled(4, 5))
def make_mul(n: int32):
    return lambda x: x * n
m3 = make_mul(3)
print(m3(7), make_mul(-2)(5))
xs = [lambda x: x + 1, lambda x: x * 10, lambda x: x - 3]
print([f(5) for f in xs])
