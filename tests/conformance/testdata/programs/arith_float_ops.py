# Float arithmetic, true division of ints, mixed int/float.
a = 7
b = 2
print(a / b, a // b, -a / b, a / -b, 1 / 3, 2 / 3)
x = 1.25
print(x + 1, x * 4, x - 0.25, x / 0.5, x // 0.5, x % 0.5)
print(-7.5 // 2, -7.5 % 2, 7.5 % -2, 7.0 // -2.0)
print(0.1 + 0.2, 0.1 * 3, 1.0 - 0.9, 3 * 0.1)
print(1e300 * 10, -1e300 * 10, 1e-320, 5e-324)
print(2.0 ** 0.5, 10.0 ** 15, 10.0 ** 16, 10.0 ** -4, 10.0 ** -2)
print(a < x, x < b, 2 == 2.0, 1.5 != 1.5)
