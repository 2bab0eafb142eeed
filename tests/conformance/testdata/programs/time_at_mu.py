# at_mu sets the cursor absolutely; delay_mu moves it relatively, also back.
at_mu(int64(1000))
print(now_mu())
delay_mu(int64(250))
print(now_mu())
delay_mu(int64(-100))
print(now_mu())
at_mu(int64(0))
print(now_mu())
t = now_mu() + 5000
at_mu(t)
print(now_mu(), t)
