# Floor division and modulo follow Python's sign rules for every sign mix.
vals = [7, -7, 13, -13, 0, 1, -1]
divs = [1, -1, 2, -2, 3, -3, 5, -5]
for a in vals:
    line = 0
    for b in divs:
        q = a // b
        r = a % b
        assert q * b + r == a
        line = line * 3 + q + r
    print(a, line)
print(-1 // 2, -1 % 2, 1 // -2, 1 % -2)
print(-2147483647 // 2, -2147483647 % 2)
