# Was a bug: a nested function that calls itself fails to check: "\"fact\" is not callable (it has type 't1)"; module-level recursion works; minimal: def f(n: int32) -> int32: / def fact(k: int32) -> int32: return 1 if k <= 1 else k * fact(k - 1) / return fact(n)
def f(n: int32) -> int32:
    def fact(k: int32) -> int32:
        return 1 if k <= 1 else k * fact(k - 1)
    return fact(n)

def g(n: int32) -> int32:
    def is_even(k: int32) -> bool:
        return True if k == 0 else not is_even(k - 1)
    return 1 if is_even(n) else 0

print(f(5), g(4), g(7))
