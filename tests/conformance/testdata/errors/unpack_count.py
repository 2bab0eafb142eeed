@kernel
def run() -> None:
    a, b = (1, 2, 3)
