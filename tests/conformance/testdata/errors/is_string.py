@kernel
def run(name: str) -> bool:
    return name is "ttl0"
