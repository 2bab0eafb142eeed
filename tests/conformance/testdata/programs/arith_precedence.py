# Operator precedence and associativity.
a = 2
b = 3
c = 4
print(a + b * c, (a + b) * c, a * b + c, a - b - c, a - (b - c))
print(2 ** 3 ** 2, (2 ** 3) ** 2, -2 ** 2, (-2) ** 2)
print(a << b + 1, (a << b) + 1, a | b & c, (a | b) & c, a ^ b | c)
print(a + b > c, a < b == True, not a == b)
print(-a * b, -(a * b), ~a + 1, ~(a + 1))
print(100 // 7 * 7 + 100 % 7, 100 - 100 // 7 * 7)
print(a * -b, a - -b, a + +b)
