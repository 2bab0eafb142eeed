# Plain delays inside parallel: the block lasts as long as the longest delay.
at_mu(int64(0))
with parallel:
    delay_mu(int64(10))
    delay_mu(int64(40))
    delay_mu(int64(25))
print(now_mu())
with parallel:
    delay(1 * us)
    delay(250 * ns)
print(now_mu())
with parallel:
    pass
print(now_mu())
