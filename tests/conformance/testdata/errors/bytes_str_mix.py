@kernel
def run() -> None:
    print(b"ch" + "0")
