# Generic functions over lists of different element types.
def total(xs):
    s = xs[0] - xs[0]
    for x in xs:
        s += x
    return s

def last(xs):
    return xs[len(xs) - 1]

def reverse(xs):
    return xs[::-1]

print(total([1, 2, 3]), total([0.5, 0.25]), total([int64(1) << 35, int64(1)]))
print(last([1, 2]), last(["a", "b"]), last([(1, 2.5)]))
print(reverse([1, 2, 3]), reverse(["x", "y"]), reverse([[1], [2]]))
