@kernel
def run() -> None:
    x = 5
    x(3)
