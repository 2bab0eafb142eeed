# Many pulses started together from a parallel block inside a loop.
def pulse(ch: int32, width: int64) -> None:
    rtio_output(ch << 8, 1)
    delay_mu(width)
    rtio_output(ch << 8, 0)

at_mu(int64(1000))
for rep in range(2):
    with parallel:
        pulse(0, int64(8))
        pulse(1, int64(16))
        pulse(2, int64(4))
        pulse(3, int64(12))
    delay_mu(int64(100))
print(now_mu())
