@kernel
def run(n: int32) -> None:
    print(f"n = {n}")
