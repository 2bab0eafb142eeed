@kernel
def run(n: int32) -> int32:
    f = lambda x, k=n: x + k
    return f(1)
