# while and for-range loops with break, continue and else.
total = 0
for i in range(10):
    if i == 3:
        continue
    if i == 8:
        break
    total += i
print(total)
for i in range(10, 0, -3):
    print(i)
n = 0
while n < 5:
    n += 1
else:
    print("while-else", n)
for i in range(3):
    pass
else:
    print("for-else", i)
k = 0
for j in range(5, 5):
    k += 1
print(k)
