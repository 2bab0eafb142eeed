# Ranges inside lists and tuples, printed and iterated.
rs = [range(3), range(1, 4), range(10, 0, -4)]
print(rs, (range(2), 1))
for r in rs:
    print(len(r), [x for x in r])
print(2 in rs[0], 9 in rs[2], 6 in rs[2])
