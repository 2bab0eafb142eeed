# PENDING: a lambda that calls an unannotated (generic) function with its own argument fails: "cannot infer the type of argument \"x\" of apply here; annotate the parameter" (earlier builds panicked in types.(*checker).checkNested, seed FuzzCheck/lambda_calls_generic); minimal: def apply(f, x): return f(x) / h = lambda v: apply(double, v)
def apply(f, x):
    return f(x)

def double(x: int32) -> int32:
    return 2 * x

h = lambda: apply(double, 21)
print(h())
print((lambda v: apply(double, v))(5))
