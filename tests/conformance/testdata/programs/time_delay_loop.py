# Delays in loops with a computed time step.
step = seconds_to_mu(125 * ns)
at_mu(int64(0))
for i in range(8):
    rtio_output(5 << 8, i)
    delay_mu(step)
print(now_mu(), step)
for i in range(3):
    delay(0.5 * us)
print(now_mu())
