# Timeline helpers in functions with int64 and float parameters.
def ramp(ch: int32, n: int32, dt: float) -> int64:
    start = now_mu()
    for i in range(n):
        rtio_output(ch << 8, i * 10)
        delay(dt)
    return now_mu() - start

at_mu(int64(2000))
print(ramp(9, 5, 40 * ns))
print(ramp(10, 3, 1 * us))
print(now_mu())
