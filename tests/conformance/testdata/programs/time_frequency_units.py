# Frequency units scale floats as ARTIQ's Hz, kHz and MHz.
f = 100 * MHz
print(f, 1 * kHz, 2.5 * Hz, f / kHz)
period = 1 / f
print(seconds_to_mu(period), seconds_to_mu(1 / (1 * MHz)))
delay(1 / (250 * kHz))
print(now_mu())
