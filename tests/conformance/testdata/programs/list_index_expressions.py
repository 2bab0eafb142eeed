# Index expressions computed from arithmetic and function calls.
xs = [10, 20, 30, 40, 50]
def mid(n: int32) -> int32:
    return n // 2
print(xs[mid(len(xs))], xs[len(xs) - 1], xs[1 + 1], xs[-len(xs)])
i = 0
while i < len(xs):
    xs[i] += xs[i - 1] if i > 0 else 0
    i += 1
print(xs)
