from lib.devices import ttl_pulse

@kernel
def run() -> None:
    ttl_pulse(1)
