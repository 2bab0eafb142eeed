@kernel
def run() -> None:
    xs = [1, 2.5, "three"]
