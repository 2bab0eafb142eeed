# now_mu() is an int64 and survives values beyond 32 bits.
at_mu(int64(1) << 35)
print(now_mu())
delay(1 * s)
print(now_mu(), now_mu() > 2147483647)
rtio_output(1 << 8, 1)
print(now_mu() // 1000000000)
