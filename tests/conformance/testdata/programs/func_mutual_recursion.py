# Mutual recursion between module functions.
def is_even(n: int32) -> bool:
    if n == 0:
        return True
    return is_odd(n - 1)

def is_odd(n: int32) -> bool:
    if n == 0:
        return False
    return is_even(n - 1)

def hof_f(n: int32) -> int32:
    return 1 if n == 0 else n - hof_m(hof_f(n - 1))

def hof_m(n: int32) -> int32:
    return 0 if n == 0 else n - hof_f(hof_m(n - 1))

print([is_even(i) for i in range(6)], is_odd(7))
print([hof_f(i) for i in range(12)])
print([hof_m(i) for i in range(12)])
