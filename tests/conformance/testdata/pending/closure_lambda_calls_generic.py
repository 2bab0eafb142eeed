# PENDING: a lambda whose body calls an unannotated (generic) function with its own parameter is checked when it is made, before any call gives the parameter a type: "cannot infer the type of argument \"x\" of apply here; annotate the parameter". Lambdas and nested functions have one signature (docs/design.md); fixing this needs their bodies checked at their first call; minimal: def apply(f, x): return f(x) / h = lambda v: apply(double, v) / print(h(5))
def apply(f, x):
    return f(x)

def double(x: int32) -> int32:
    return 2 * x

h = lambda: apply(double, 21)
print(h())
print((lambda v: apply(double, v))(5))
