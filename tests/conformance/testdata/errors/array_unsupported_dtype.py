import numpy


@kernel
def run() -> None:
    names = array(["ttl0", "ttl1"])
    z = numpy.zeros(4, dtype=str)
    print(names, z)
