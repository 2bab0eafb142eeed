# range values: len, in, iteration, printing.
r = range(3, 20, 4)
print(r, len(r), 7 in r, 8 in r)
print(range(5), range(10, 0, -2), len(range(10, 0, -2)), len(range(5, 1)))
for i in range(10, 0, -3):
    print(i)
total = 0
for i in r:
    total += i
print(total)
