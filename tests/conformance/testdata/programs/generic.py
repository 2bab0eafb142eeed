# Unannotated helpers are instantiated per use: the same function works on
# ints, floats and lists.
def add(a, b):
    return a + b

def first(xs):
    return xs[0]

def scale(x, factor=2):
    return x * factor

def count_down(n):
    if n <= 0:
        return 0
    return n + count_down(n - 1)

print(add(1, 2), add(1.5, 2.25), add([1], [2, 3]))
print(first([4, 5]), first([0.5]), first([(1, 2)]))
print(scale(3), scale(2.5), scale(3, factor=10))
print(count_down(10))
print(add(int64(5000000000), 1))
