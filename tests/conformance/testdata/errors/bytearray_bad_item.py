@kernel
def run() -> None:
    buf = bytearray(4)
    buf[0] = 1.5
    buf["x"] = 1
