# Bools in arithmetic act as 0 and 1.
t = True
f = False
print(t + t, t * 5, f * 5, t - f, t + 1.5)
count = 0
for v in [True, False, True, True]:
    count += v
print(count)
print(t == 1, f == 0, t > f, t != f)
