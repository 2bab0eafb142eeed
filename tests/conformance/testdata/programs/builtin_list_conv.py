# list() of ranges and lists, and sums built from them.
r = list(range(1, 6))
print(r)
total = 0
for v in list(range(100)):
    total += v
print(total)
copy = list(r)
copy[0] = 0
print(r[0], copy[0], list([1.5, 2.5]))
