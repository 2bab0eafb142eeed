import lib.nothere

@kernel
def run() -> None:
    lib.nothere.pulse()
