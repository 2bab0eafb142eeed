# Recursion: factorial, fibonacci, gcd, power, Ackermann.
def fact(n: int32) -> int64:
    if n <= 1:
        return int64(1)
    return n * fact(n - 1)

def fib(n: int32) -> int32:
    return n if n < 2 else fib(n - 1) + fib(n - 2)

def gcd(a: int32, b: int32) -> int32:
    return a if b == 0 else gcd(b, a % b)

def ack(m: int32, n: int32) -> int32:
    if m == 0:
        return n + 1
    if n == 0:
        return ack(m - 1, 1)
    return ack(m - 1, ack(m, n - 1))

print(fact(20), [fib(i) for i in range(15)])
print(gcd(1071, 462), gcd(17, 5), ack(2, 3))
