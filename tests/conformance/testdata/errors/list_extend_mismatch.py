@kernel
def run() -> int32:
    xs = [1, 2]
    xs.extend(["a"])
    xs += [1.5]
    return len(xs)
