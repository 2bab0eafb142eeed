import numpy as np


@kernel
def run() -> None:
    a = array([1, 2, 3]) + [10, 20]
    m = np.zeros((2, 3)) * np.ones((3, 2))
    print(a, m)
