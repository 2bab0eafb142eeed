def host_side(x):
    return x * 2

@kernel
def run() -> None:
    print(host_side(3))
