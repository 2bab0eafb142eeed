@kernel
def run() -> None:
    channels = {"ttl0": 0, "ttl1": 1}
    print(channels["ttl0"])
