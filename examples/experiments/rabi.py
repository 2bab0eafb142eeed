# A Rabi scan reduced to TTL pulses. For each scan point: a cooling pulse
# (channel 0), the drive pulse of the scanned length (channel 1), two
# detection strobes (channel 2); channel 3 marks the middle point. Then
# three short flashes on channel 3 close the sequence.

import lib.ttl
from lib.pulses import pulse, pulse_train


@kernel
def drive_duration(step: int32) -> int64:
    # The scanned drive-pulse length: 100 mu, plus 50 mu per step.
    return int64(100 + 50 * step)


@kernel
def run() -> None:
    at_mu(int64(1000))
    total = int64(0)
    for step in range(3):
        start = now_mu()
        pulse(0, int64(200))
        delay_mu(int64(10))
        duration = drive_duration(step)
        pulse(1, duration)
        total = total + duration
        delay_mu(int64(10))
        pulse_train(2, 2, int64(20), int64(40))
        if step == 1:
            lib.ttl.on(3)
        else:
            lib.ttl.off(3)
        print(step, now_mu() - start)
        delay_mu(int64(100))
    n = 0
    while n < 3:
        pulse(3, int64(8))
        delay_mu(int64(8))
        n = n + 1
    print(n)
    print(total)
    print(now_mu(), "mu =", mu_to_seconds(now_mu()), "s")
