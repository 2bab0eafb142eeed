@kernel
def pulse(channel: int32, duration: int64) -> None:
    delay_mu(duration)

@kernel
def run() -> None:
    pulse(1)
