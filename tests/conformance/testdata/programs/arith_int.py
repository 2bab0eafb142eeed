# Integer arithmetic with Python's signs for // and %.
a = 17
b = 5
print(a + b, a - b, a * b)
print(a // b, a % b)
print(-a // b, -a % b)
print(a // -b, a % -b)
print(-a // -b, -a % -b)
print(2 ** 10, 3 ** 0, 7 ** 1)
print(a << 3, a >> 2, -a >> 2)
print(a & b, a | b, a ^ b, ~a)
print(-(-a), +a)
