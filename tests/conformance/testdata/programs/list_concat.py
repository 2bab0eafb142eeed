# + on lists creates new lists and leaves the operands unchanged.
a = [1, 2]
b = [3]
c = a + b
c[0] = 100
print(a, b, c)
print([] + [] == [], a + [] == a, [] + b)
acc = [0]
for i in range(4):
    acc = acc + [i * i]
print(acc, len(acc))
print([1.5] + [2.5], [[1]] + [[2, 3]])
