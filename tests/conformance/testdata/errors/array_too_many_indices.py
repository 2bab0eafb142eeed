@kernel
def run() -> float:
    m = array([[1.0, 2.0], [3.0, 4.0]])
    return m[0, 1, 0]
