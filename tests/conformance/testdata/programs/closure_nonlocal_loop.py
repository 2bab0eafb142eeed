# nonlocal variables updated inside loops of the inner function.
def fib_list(n: int32) -> list[int32]:
    a = 0
    b = 1
    out = [0] * n
    def step() -> None:
        nonlocal a, b
        a, b = b, a + b
    for i in range(n):
        out[i] = a
        step()
    return out

print(fib_list(12))
