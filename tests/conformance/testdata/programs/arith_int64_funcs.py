# int64 parameters, returns and loops.
def fib(n: int32) -> int64:
    a = int64(0)
    b = int64(1)
    for i in range(n):
        a, b = b, a + b
    return a

def mul64(x: int64, y: int64) -> int64:
    return x * y

print(fib(10), fib(50), fib(90))
print(mul64(int64(100000), int64(100000)), mul64(int64(-3), int64(7)))
total = int64(0)
for i in range(1000):
    total += 10000000
print(total)
print(int64(7) == 7, int64(8) > 7, int64(-1) < 0)
