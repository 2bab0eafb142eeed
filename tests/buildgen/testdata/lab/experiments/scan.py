# Scans the detection gate: one readout per gate length.

import sequences.readout
from sequences.cooling import cool


@kernel
def gate(step: int32) -> int64:
    return int64(20 + 10 * step)


@kernel
def run() -> None:
    at_mu(int64(1000))
    for step in range(4):
        cool(int64(200))
        sequences.readout.detect(gate(step))
        delay_mu(int64(100))
    print(now_mu())
