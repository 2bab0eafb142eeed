@kernel
def gen(n: int32):
    for i in range(n):
        yield i
