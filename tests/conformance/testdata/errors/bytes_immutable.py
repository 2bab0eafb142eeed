@kernel
def run() -> None:
    frame = b"\x02ping\x03"
    frame[0] = 1
