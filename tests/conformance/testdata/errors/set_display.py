@kernel
def run() -> None:
    seen = {1, 2, 3}
