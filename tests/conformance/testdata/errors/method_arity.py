class Dds:
    @kernel
    def __init__(self, ch: int32):
        self.ch = ch

    @kernel
    def set(self, freq: float) -> None:
        pass

@kernel
def run() -> None:
    d = Dds(1)
    d.set(1.0, 2.0)
