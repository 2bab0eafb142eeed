@kernel
def run() -> None:
    s = "abc"
    s[0] = "x"
