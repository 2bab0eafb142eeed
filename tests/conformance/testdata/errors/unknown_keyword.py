@kernel
def pulse(channel: int32, duration: int32 = 10) -> None:
    delay_mu(int64(duration))

@kernel
def run() -> None:
    pulse(1, durration=5)
