@kernel
def run() -> None:
    duration = 10
    label = "ttl"
    total = duration + label
