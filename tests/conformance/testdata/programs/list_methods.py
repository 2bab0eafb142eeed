# Lists grow and shrink in place (append, extend, insert, pop, remove,
# clear, reverse, sort, +=, *=), seen through every name, parameter,
# attribute and element that holds them; index, count, copy, sorted, sum.
a = []
b = a
a.append(1)
a.append(2)
print(a, b, a is b, len(b))
def fill(out: list[int32], n: int32) -> None:
    for i in range(n):
        out.append(i * i)
xs = [10]
fill(xs, 5)
print(xs, xs.pop(), xs.pop(0), xs)
xs.insert(0, -1)
xs.insert(100, 99)
xs.insert(-1, 7)
print(xs)
xs.extend([5, 5])
xs.extend(range(2))
xs.extend((8, 9))
print(xs, xs.count(5), xs.index(9))
xs.remove(5)
print(xs)
xs.reverse()
print(xs)
xs.sort()
print(xs)
xs.sort(reverse=True)
print(xs, sorted(xs), sorted([3.5, -1.0, 2.0], reverse=True), sorted(["b", "a", "c"]))
ys = xs.copy()
ys.clear()
print(ys, len(xs))
zs = [1, 2]
ws = zs
zs += [3]
zs += range(2)
zs *= 2
print(zs, ws, sum(zs), sum([0.5, 1.5]), sum(range(5), 10))
grid = [[], []]
grid[0].append(1)
grid[1] += [2, 3]
print(grid)
class Bag:
    def __init__(self):
        self.items = []
    def add(self, x: int32) -> None:
        self.items.append(x)
bag = Bag()
for i in range(3):
    bag.add(i)
print(bag.items)
try:
    [].pop()
except IndexError as e:
    print("IndexError:", e)
try:
    xs.remove(1000)
except ValueError as e:
    print("ValueError:", e)
try:
    xs.index(1000)
except ValueError as e:
    print("ValueError:", e)
names = ["x"]
names.append("y")
print(names, names[0] + names[1])
