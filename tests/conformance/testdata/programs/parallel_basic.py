# with parallel: two pulses start together; the block ends at the longer one.
def pulse(ch: int32, d: int64) -> None:
    rtio_output(ch << 8, 1)
    delay_mu(d)
    rtio_output(ch << 8, 0)

at_mu(int64(1000))
with parallel:
    pulse(1, int64(100))
    pulse(2, int64(300))
print(now_mu())
pulse(3, int64(10))
print(now_mu())
