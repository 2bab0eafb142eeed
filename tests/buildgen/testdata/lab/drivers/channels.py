# RTIO channel numbers of the lab's TTL outputs. No kernel code of its own:
# buildgen makes it a kernel module because kernel modules import it.

COOLING: int32 = 0
REPUMP: int32 = 1
SHUTTER: int32 = 2
PMT_GATE: int32 = 3
