# enumerate(), zip() and reversed() over lists, tuples, ranges and strings.
names = ["a", "b", "c"]
for i, n in enumerate(names):
    print(i, n)
for i, n in enumerate(names, 1):
    print(i, n)
vals = [1.5, 2.5, 3.5]
for n, v in zip(names, vals):
    print(n, v)
print([a * b for a, b in zip([1, 2, 3], range(10, 20))])
print(list(reversed([1, 2, 3])), [c for c in reversed("abc")], list(enumerate("xy")))
for x in reversed(range(3)):
    print(x)
total = 0
for k, (a, b) in enumerate(zip([1, 2], [3, 4])):
    total += k * a * b
print(total, list(zip((1, 2), (3, 4), (5, 6))))
