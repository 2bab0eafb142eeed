# Mixed int/float arithmetic promotes to float.
i = 3
f = 0.5
print(i + f, i * f, i - f, i / f, i // f, i % f, f ** 2)
print(i + 1.0, 2 * f, 10 / 4, 10.0 / 4, 10 // 4.0)
n = 0
x = 0.0
for k in range(5):
    n += k
    x += k * 0.1
print(n, x, n * x)
