@kernel
def run() -> None:
    super().__init__()
