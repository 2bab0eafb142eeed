# delay() with units in parallel branches.
at_mu(int64(0))
with parallel:
    with sequential:
        rtio_output(1 << 8, 1)
        delay(2 * us)
        rtio_output(1 << 8, 0)
    with sequential:
        delay(500 * ns)
        rtio_output(2 << 8, 1)
        delay(1 * us)
        rtio_output(2 << 8, 0)
print(now_mu(), mu_to_seconds(now_mu()))
