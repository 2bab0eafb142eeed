# A multiplication table and a triangle from nested loops.
for i in range(1, 5):
    row = [0] * 0
    for j in range(1, 5):
        row = row + [i * j]
    print(row)
k = 0
while k < 4:
    line = ""
    m = 0
    while m <= k:
        line = line + "*"
        m += 1
    print(line)
    k += 1
