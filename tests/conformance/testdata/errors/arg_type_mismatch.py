@kernel
def pulse(channel: int32, duration: float) -> None:
    delay(duration)

@kernel
def run() -> None:
    pulse("ttl0", 1.0)
