# RPCs from kernel functions and methods, with values computed in kernels.
@rpc
def log_value(name: str, v: float):
    print("host:", name, "=", v)

@rpc
def threshold() -> float:
    return 0.75

class Detector:
    def __init__(self, channel: int32):
        self.channel = channel

    def read(self, i: int32) -> float:
        v = (self.channel * 10 + i) / 40
        log_value("det" + "ector", v)
        return v

def count_above(d, n: int32) -> int32:
    limit = threshold()
    hits = 0
    for i in range(n):
        if d.read(i) > limit:
            hits += 1
    return hits

print("hits:", count_above(Detector(2), 15))
