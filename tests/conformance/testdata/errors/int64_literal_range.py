@kernel
def run() -> None:
    t = int64(0)
    t = t + 100000000000000000000
