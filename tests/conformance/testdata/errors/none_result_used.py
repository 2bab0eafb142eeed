@kernel
def fail(code: int32):
    raise ValueError("failed")

@kernel
def run() -> int32:
    return fail(3) + 1
