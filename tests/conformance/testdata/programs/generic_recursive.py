# Recursive generic helpers instantiated for ints and floats.
def power(b, e):
    if e == 0:
        return b - b + 1
    return b * power(b, e - 1)

def sum_to(n):
    if n <= 0:
        return n - n
    return n + sum_to(n - 1)

print(power(2, 10), power(1.5, 3), power(int64(10), 12))
print(sum_to(100), sum_to(int64(900)))
