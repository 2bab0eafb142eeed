# Iteration over arrays: elements of one dimension, rows (views) of more;
# comprehensions, list(a), min/max/abs, `in`, and arrays of bools.
a = array([3, 1, 4, 1, 5])
total = 0
for x in a:
    total += x
print(total, [x * x for x in a], list(a), min(a), max(a), abs(-a), 4 in a, 7 in a, 7 not in a)
m = array([[1.5, 2.5], [3.5, 4.5]])
for row in m:
    print(row, len(row), row[0] + row[1])
    row[0] = 0.0
print(m, [[y for y in r] for r in m], list(m))
flags = array([x > 2 for x in a])
print(flags, [f for f in flags if f])
n = 0
for r in array([[1, 2, 3], [4, 5, 6]]):
    for v in r:
        n = n * 10 + v
print(n)
