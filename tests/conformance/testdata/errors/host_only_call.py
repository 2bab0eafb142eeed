@host_only
def save_results(x: int32) -> None:
    print(x)

@kernel
def run() -> None:
    save_results(3)
