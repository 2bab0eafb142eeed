import numpy


@kernel
def run() -> None:
    m = numpy.array([[1.0, 2.0], [3.0]])
    print(m)
