@kernel
def run(n: int32) -> None:
    if n < "3":
        print(n)
