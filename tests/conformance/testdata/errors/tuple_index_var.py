@kernel
def run(i: int32) -> None:
    t = (1, 2.5)
    print(t[i])
