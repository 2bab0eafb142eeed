# sequential blocks inside parallel run their statements one after another.
def pulse(ch: int32, d: int64) -> None:
    rtio_output(ch << 8, 1)
    delay_mu(d)
    rtio_output(ch << 8, 0)

at_mu(int64(0))
with parallel:
    with sequential:
        pulse(1, int64(10))
        pulse(1, int64(20))
        pulse(1, int64(30))
    with sequential:
        pulse(2, int64(50))
        pulse(2, int64(5))
    pulse(3, int64(15))
print(now_mu())
