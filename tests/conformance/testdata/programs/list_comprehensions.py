# Comprehensions with conditions, nesting and expressions over other lists.
xs = [3, 8, 1, 9, 4]
print([x * 2 for x in xs])
print([x for x in xs if x > 3])
print([x for x in xs if x > 2 if x < 9])
print([(x, y) for x in range(3) for y in range(x)])
print([[y for y in range(x)] for x in range(4)])
print([x * y for x in [1, 2] for y in [10, 100] if x * y != 20])
print([float(x) / 2 for x in xs], [x > 3 for x in xs])
print([i for i in range(0)], len([c for c in range(100) if c % 7 == 0]))
