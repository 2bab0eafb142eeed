# with parallel: every statement starts at the block's start; the block
# ends at the latest end. CPython has no such block, so the timeline is
# stated in parallel.timeline.csv.
def pulse(ch: int32, d: int64) -> None:
    rtio_output(ch << 8, 1)
    delay_mu(d)
    rtio_output(ch << 8, 0)

at_mu(100)
with parallel:
    pulse(1, int64(30))
    pulse(2, int64(50))
    with sequential:
        pulse(3, int64(10))
        pulse(3, int64(10))
print(now_mu())
with parallel:
    delay_mu(int64(5))
    with parallel:
        pulse(4, int64(7))
        delay_mu(int64(9))
print(now_mu())
