@kernel
def run() -> None:
    t = 10
    t = 2.5
