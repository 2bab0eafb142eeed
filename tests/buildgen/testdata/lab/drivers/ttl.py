# TTL output driver: one RTIO write to address 0 of the channel.


@syscall
def rtio_output(target: int32, data: int32) -> None: ...


@kernel
def on(channel: int32) -> None:
    rtio_output(channel << 8, 1)


@kernel
def off(channel: int32) -> None:
    rtio_output(channel << 8, 0)


@kernel
def pulse(channel: int32, duration: int64) -> None:
    on(channel)
    delay_mu(duration)
    off(channel)
