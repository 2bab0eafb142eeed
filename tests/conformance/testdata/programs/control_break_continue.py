# break and continue in nested loops affect only the innermost loop.
found = [0] * 0
for i in range(5):
    for j in range(5):
        if j > i:
            break
        if (i + j) % 2 == 1:
            continue
        found = found + [i * 10 + j]
print(found)
n = 0
total = 0
while True:
    n += 1
    if n % 3 == 0:
        continue
    if n > 20:
        break
    total += n
print(n, total)
