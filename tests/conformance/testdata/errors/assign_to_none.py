@kernel
def run() -> None:
    None = 1
