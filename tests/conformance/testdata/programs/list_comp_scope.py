# Comprehension variables do not leak; comprehensions read enclosing names.
x = 100
ys = [x for x in range(3)]
print(ys, x)
k = 5
print([i * k for i in range(3)])
def f(n: int32) -> list[int32]:
    return [i + n for i in range(n)]
print(f(3))
