@kernel
def run() -> None:
    x: int32 = 3000000000
