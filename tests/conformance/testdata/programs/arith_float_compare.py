# Float comparisons, including with infinities and mixed int operands.
vals = [-1.5, 0.0, 0.1, 1.0, 2.5]
for a in vals:
    print(a, a < 1, a <= 0.1, a == 1, a != 0, a > -1.5, a >= 2.5)
print(0.1 + 0.2 == 0.3, 0.1 + 0.2 > 0.3, abs(0.1 + 0.2 - 0.3) < 1e-9)
