@kernel
def run() -> int32:
    xs = [1, 2]
    xs.append(3)
    return len(xs)
