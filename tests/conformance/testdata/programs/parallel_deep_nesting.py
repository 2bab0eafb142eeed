# parallel and sequential nested several levels deep.
def mark(ch: int32) -> None:
    rtio_output(ch << 8, ch)

at_mu(int64(100))
with parallel:
    with sequential:
        mark(1)
        delay_mu(int64(10))
        with parallel:
            mark(2)
            delay_mu(int64(5))
            with sequential:
                delay_mu(int64(3))
                mark(3)
                delay_mu(int64(4))
        mark(4)
    with sequential:
        delay_mu(int64(2))
        mark(5)
    mark(6)
print(now_mu())
