@kernel
def scale(x, factor):
    return x * factor
