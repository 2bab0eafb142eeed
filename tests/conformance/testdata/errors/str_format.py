@kernel
def run(n: int32) -> str:
    return "n = {}".format(n)
