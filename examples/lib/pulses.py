# Pulse helpers built on the TTL driver.

import lib.ttl
from lib.ttl import off


@kernel
def pulse(channel: int32, duration: int64) -> None:
    # High for `duration` machine units; the cursor ends at the falling edge.
    lib.ttl.on(channel)
    delay_mu(duration)
    off(channel)


@kernel
def pulse_train(channel: int32, count: int32, width: int64, period: int64) -> None:
    # `count` pulses of `width`, one every `period`; the cursor ends one
    # period after the last rising edge.
    for i in range(count):
        pulse(channel, width)
        delay_mu(period - width)
