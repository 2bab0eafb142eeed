X = 10

@kernel
def run() -> None:
    global X
    X = 5
