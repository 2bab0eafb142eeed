# while loops with compound conditions and nested breaks.
a = 0
b = 100
while a < b and b - a > 3:
    a += 7
    b -= 5
print(a, b)
i = 0
found = -1
while i < 10:
    j = 0
    while j < 10:
        if i * j == 42:
            found = i * 10 + j
            break
        j += 1
    if found >= 0:
        break
    i += 1
print(found)
