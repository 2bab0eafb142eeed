@kernel
def pulse(channel: int32 -> None:
    pass
