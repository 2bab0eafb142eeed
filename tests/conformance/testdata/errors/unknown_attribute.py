class Ttl:
    @kernel
    def __init__(self, ch: int32):
        self.channel = ch

@kernel
def run() -> None:
    t = Ttl(3)
    x = t.chanel + 1
