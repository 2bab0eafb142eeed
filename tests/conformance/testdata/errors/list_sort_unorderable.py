class P:
    @kernel
    def get(self) -> int32:
        return 1

@kernel
def run(ps: list[P]) -> None:
    ps.sort()
