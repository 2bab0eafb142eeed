# Doppler cooling with the repumper on.

import drivers.ttl as ttl
from drivers.channels import COOLING, REPUMP


@kernel
def cool(duration: int64) -> None:
    ttl.on(REPUMP)
    ttl.pulse(COOLING, duration)
    ttl.off(REPUMP)
