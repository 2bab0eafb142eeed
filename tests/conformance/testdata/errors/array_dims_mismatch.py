import numpy


@kernel
def scale(v: array[float, 1]) -> array[float, 1]:
    return v * 2.0


@kernel
def run() -> None:
    v = numpy.zeros(3)
    v += numpy.ones((2, 3))
    print(scale(numpy.zeros((2, 2))))
