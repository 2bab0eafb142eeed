# Float floor division and modulo follow Python's sign rules.
for a in [7.5, -7.5, 3.0, -3.0, 0.5]:
    for b in [2.0, -2.0, 0.75]:
        print(a, b, a // b, a % b)
