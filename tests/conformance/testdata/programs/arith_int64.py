# int64 from literals that do not fit, from int64(), and by promotion.
big = 5000000000
x = int64(3)
y = x * 1000000000
print(big, x, y)
print(big + 1, big // 7, big % 7)
small = 7
print(small + y)
t = now_mu()
t = t + 10
print(t)
