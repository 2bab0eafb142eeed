# A train of TTL pulses on two channels; the timeline is compared with CPython's.
def pulse(ch: int32, width: int64) -> None:
    rtio_output(ch << 8, 1)
    delay_mu(width)
    rtio_output(ch << 8, 0)

at_mu(int64(10000))
for i in range(4):
    pulse(1, int64(100 + 10 * i))
    delay_mu(int64(50))
    pulse(2, int64(20))
print(now_mu())
