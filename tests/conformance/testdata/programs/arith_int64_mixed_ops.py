# int64 with every integer operator, mixed with int32 operands.
a = int64(10000000000)
b = 7
print(a + b, a - b, a * b, a // b, a % b)
print(a << 2, a >> 3, a & 0xFFFF, a | 1, a ^ 0xFF, -a, ~a)
print(-a // b, -a % b, a // -b, a % -b)
print(a == 10000000000, a > b, b < a, a != a + 1)
