@kernel
def run() -> None:
    counts = array([0, 0, 0])
    counts = counts / 2
    print(counts)
