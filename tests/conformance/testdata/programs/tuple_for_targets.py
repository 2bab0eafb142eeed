# Tuple targets in for loops, including nested tuple targets.
pts = [(0, 0), (1, 2), (3, 5)]
for x, y in pts:
    print(x * y)
for i, (a, b) in [(0, (1, 2)), (1, (3, 4))]:
    print(i, a + b)
acc = 0.0
for k, v in [(1, 0.5), (2, 0.25)]:
    acc += k * v
print(acc)
print([x + y for x, y in pts])
