@kernel
def run() -> None:
    a = array([1, [2, 3]])
    print(a)
