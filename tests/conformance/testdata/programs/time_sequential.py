# with sequential behaves like plain statements; CPython's shim models it.
def pulse(ch: int32, d: int64) -> None:
    rtio_output(ch << 8, 1)
    delay_mu(d)
    rtio_output(ch << 8, 0)

at_mu(int64(100))
with sequential:
    pulse(1, int64(10))
    pulse(2, int64(20))
    with sequential:
        pulse(3, int64(5))
print(now_mu())
