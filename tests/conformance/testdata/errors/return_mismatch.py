@kernel
def half(x: int32) -> int32:
    return x / 2
