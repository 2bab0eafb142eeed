# Unannotated helpers used as values: in a list, in a variable, passed to
# another unannotated function; each use infers its own types.
def inc(x):
    return x + 1

def dbl(x):
    return x * 2

def half(x):
    return x / 2

def apply(f, v):
    return f(v)

def twice(f, v):
    return f(f(v))

pipeline = [inc, dbl, inc]
acc = 3
for step in pipeline:
    acc = step(acc)
print(acc, [f(10) for f in pipeline])

print(apply(inc, 3), apply(half, 3.0), apply(dbl, 2.5), twice(inc, 5))

g = half
print(g(7), g(1))

def scale(x, factor=3):
    return x * factor

h = scale
print(h(4), h(5, 2), inc(10), inc(2.5))
