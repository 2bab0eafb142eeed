@kernel
def find(xs: list[int32], t: int32) -> int32:
    found = None
    for i in range(len(xs)):
        if xs[i] == t:
            found = i
    return 0
