class P:
    @kernel
    def get(self) -> int32:
        return 1

@kernel
def run(p: P) -> str:
    return str(p)
