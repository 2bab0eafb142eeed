# RTIO output events at computed times.
def pulse(channel: int32, duration: int64) -> None:
    rtio_output(channel << 8, 1)
    delay_mu(duration)
    rtio_output(channel << 8, 0)

at_mu(1000)
for i in range(3):
    pulse(4, int64(100))
    delay_mu(int64(50))
print(now_mu())
