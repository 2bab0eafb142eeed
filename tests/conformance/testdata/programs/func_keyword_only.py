# Keyword-only parameters (after a bare *), with and without defaults.
def f(a: int32, b: int32 = 10, *, c: int32 = 5, d: int32) -> int32:
    return a + b + c + d
print(f(1, d=2), f(1, 2, d=3, c=0))
def g(x, *, scale=2):
    return x * scale
print(g(3), g(1.5, scale=4))
class K:
    def m(self, a: int32, *, k: int32 = 1) -> int32:
        return a * k
print(K().m(3), K().m(3, k=5))
try:
    pass
finally:
    pass
