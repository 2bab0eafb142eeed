class Host:
    def __init__(self):
        self.x = 1

    def compute(self) -> int32:
        return 3

@kernel
def run() -> None:
    h = Host()
    h.compute()
