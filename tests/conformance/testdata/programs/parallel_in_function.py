# parallel blocks inside functions and functions called inside parallel.
def pair(ch: int32, a: int64, b: int64) -> None:
    with parallel:
        with sequential:
            rtio_output(ch << 8, 1)
            delay_mu(a)
            rtio_output(ch << 8, 0)
        with sequential:
            rtio_output((ch + 1) << 8, 1)
            delay_mu(b)
            rtio_output((ch + 1) << 8, 0)

at_mu(int64(1000))
pair(1, int64(30), int64(20))
print(now_mu())
with parallel:
    pair(3, int64(5), int64(8))
    pair(5, int64(12), int64(1))
print(now_mu())
