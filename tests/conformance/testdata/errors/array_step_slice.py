@kernel
def run() -> None:
    a = array([1, 2, 3, 4])
    print(a[::2])
