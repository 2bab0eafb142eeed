# Collatz sequence lengths: while loops with arithmetic.
def steps(n: int32) -> int32:
    count = 0
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        count += 1
    return count

best = 0
arg = 0
for i in range(1, 100):
    s = steps(i)
    if s > best:
        best = s
        arg = i
print(arg, best, steps(27))
