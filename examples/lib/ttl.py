# TTL output driver, in kernel code.
#
# A TTL output channel changes level on one RTIO write to address 0 of the
# channel: data 1 drives the line high, data 0 low. The event is stamped
# with the timeline cursor (now_mu()); the cursor does not move.


@syscall
def rtio_output(target: int32, data: int32) -> None: ...


@kernel
def on(channel: int32) -> None:
    rtio_output(channel << 8, 1)


@kernel
def off(channel: int32) -> None:
    rtio_output(channel << 8, 0)
