# Common list algorithms: sum, reverse in place, bubble sort, search.
xs = [5, 3, 8, 1, 9, 2]
s = 0
for x in xs:
    s += x
print(s)
n = len(xs)
for i in range(n // 2):
    xs[i], xs[n - 1 - i] = xs[n - 1 - i], xs[i]
print(xs)
for i in range(n):
    for j in range(n - 1 - i):
        if xs[j] > xs[j + 1]:
            xs[j], xs[j + 1] = xs[j + 1], xs[j]
print(xs)
