# An else block is skipped by break but runs after continue-only loops.
hits = 0
for x in range(10):
    continue
else:
    hits += 1
for x in range(10):
    break
else:
    hits += 100
for x in range(0):
    hits += 1000
else:
    hits += 10
print(hits)
count = 0
for x in range(10):
    count += 1
print(count)
cond, count = True, 0
while cond:
    count += 1
    cond = False
print(count)
