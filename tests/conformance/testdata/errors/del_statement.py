@kernel
def run() -> None:
    xs = [1, 2]
    del xs[0]
