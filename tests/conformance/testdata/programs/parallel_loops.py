# A for loop is a single statement of a parallel block: it runs sequentially
# while the other statements start at the block's start.
at_mu(int64(0))
with parallel:
    for i in range(4):
        rtio_output(1 << 8, i)
        delay_mu(int64(10))
    rtio_output(2 << 8, 99)
print(now_mu())
for k in range(3):
    with parallel:
        rtio_output(3 << 8, k)
        delay_mu(int64(7 * (k + 1)))
        delay_mu(int64(5))
print(now_mu())
