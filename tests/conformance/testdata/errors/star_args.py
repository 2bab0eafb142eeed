@kernel
def total(*values) -> int32:
    return 0
