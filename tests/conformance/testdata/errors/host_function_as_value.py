def save(x: int32) -> None:
    print(x)

@kernel
def run() -> None:
    f = save
    f(3)
