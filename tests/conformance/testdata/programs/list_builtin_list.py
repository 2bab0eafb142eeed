# list() of ranges and of lists copies the elements.
r = list(range(5))
print(r, list(range(10, 0, -3)), list(range(0)))
a = [1, 2, 3]
b = list(a)
b[0] = 9
print(a, b)
x = [0] * 0
if False:
    x = [1]
print(x, x == [], len(x))
