# for/else with break, and primes by trial division.
def is_prime(n: int32) -> bool:
    if n < 2:
        return False
    for d in range(2, n):
        if d * d > n:
            break
        if n % d == 0:
            return False
    return True

primes = [0] * 0
for n in range(2, 50):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        primes = primes + [n]
print(primes)
print([n for n in range(30) if is_prime(n)])
for x in [0] * 0:
    print("never")
else:
    print("empty for-else")
