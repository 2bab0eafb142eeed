# A mechanical shutter behind a TTL line: it needs time to open.

import drivers.ttl
from drivers.channels import SHUTTER


@kernel
def open_shutter() -> None:
    drivers.ttl.on(SHUTTER)
    delay_mu(int64(500))


@kernel
def close_shutter() -> None:
    drivers.ttl.off(SHUTTER)
