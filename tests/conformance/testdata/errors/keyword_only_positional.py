@kernel
def f(a: int32, *, c: int32 = 5) -> int32:
    return a + c

@kernel
def run() -> int32:
    return f(1, 2)
