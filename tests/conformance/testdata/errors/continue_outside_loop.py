@kernel
def run(n: int32) -> None:
    for i in range(n):
        pass
    continue
