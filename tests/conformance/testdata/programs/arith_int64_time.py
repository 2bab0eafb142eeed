# Machine-unit times are int64: arithmetic on now_mu() does not wrap at 32 bits.
at_mu(int64(4000000000))
t = now_mu()
print(t, t + 1000000000, t * 2, t // 1000)
delay_mu(int64(3000000000))
print(now_mu(), now_mu() - t)
big = seconds_to_mu(10.0)
print(big, big > 2147483647)
