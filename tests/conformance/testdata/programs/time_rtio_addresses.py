# rtio_output with addresses and data words; data wraps to int32.
at_mu(int64(500))
for addr in range(4):
    rtio_output((7 << 8) | addr, addr * 1000)
    delay_mu(int64(8))
rtio_output(3 << 8, -1)
delay(1 * us)
rtio_output((3 << 8) | 255, 2147483647)
print(now_mu())
