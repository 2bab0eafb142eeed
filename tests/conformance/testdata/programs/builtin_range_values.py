# range values: printing, len, in, indexing by iteration.
r = range(2, 20, 3)
print(r, len(r), 5 in r, 6 in r, 20 in r, 2 in r)
print(range(10), range(1, 10), range(10, 0, -1), range(0))
print(list(r), [x * 2 for x in r])
neg = range(10, -10, -5)
print(neg, len(neg), -5 in neg, -10 in neg, list(neg))
