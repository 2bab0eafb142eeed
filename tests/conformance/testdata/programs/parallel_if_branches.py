# An if statement is one statement of a parallel block; the chosen branch's
# delays count toward the block's end.
def block(long: bool) -> None:
    with parallel:
        if long:
            delay_mu(int64(100))
        else:
            delay_mu(int64(10))
        delay_mu(int64(40))
        rtio_output(1 << 8, 1)

at_mu(int64(0))
block(True)
print(now_mu())
block(False)
print(now_mu())
