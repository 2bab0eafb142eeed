# Lists: literals, indexing, negative indices, slicing, len, iteration,
# concatenation, repetition, in, ==, min/max, comprehensions.
xs = [3, 1, 4, 1, 5, 9, 2, 6]
print(xs)
print(len(xs), xs[0], xs[-1], xs[2:5], xs[::2], xs[::-1], xs[-3:], xs[:-5])
print(xs[1:7:3], xs[7:1:-2], xs[100:], xs[-100:2])
total = 0
for x in xs:
    total += x
print(total)
ys = xs + [7, 7]
print(ys, len(ys))
zs = [0] * 4
zs[1] = 5
zs[-1] = 8
print(zs, [1, 2] * 3)
print(4 in xs, 7 in xs, 7 not in xs)
print(xs == [3, 1, 4, 1, 5, 9, 2, 6], xs != ys, [] == [])
print(min(xs), max(xs), min([2.5, -1.0]))
squares = [i * i for i in range(6)]
print(squares)
evens = [x for x in xs if x % 2 == 0]
print(evens)
pairs = [i * 10 + j for i in range(3) for j in range(i)]
print(pairs)
nested = [[1, 2], [3], []]
print(nested, len(nested[0]), nested[0][1])
fl = [0.5, 1.0, 2.25]
print(fl, ["a", "it's", 'say "hi"'], [True, False])
alias = xs
alias[0] = 100
print(xs[0])
xs[2:4] = [40, 10]
print(xs)
r = list(range(2, 12, 3))
print(r, list(xs[:2]))
