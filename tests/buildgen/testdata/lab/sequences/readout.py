# State detection: cool, open the shutter, gate the photon counter.

from drivers.channels import PMT_GATE
from drivers.shutter import close_shutter, open_shutter
from drivers.ttl import pulse
from sequences.cooling import cool


@kernel
def detect(gate: int64) -> None:
    cool(int64(100))
    open_shutter()
    pulse(PMT_GATE, gate)
    close_shutter()
