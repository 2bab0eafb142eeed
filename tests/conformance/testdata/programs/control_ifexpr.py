# Conditional expressions, nested and in comprehensions.
def sign(x: int32) -> int32:
    return 1 if x > 0 else (-1 if x < 0 else 0)

print([sign(v) for v in [-3, 0, 8]])
print(["even" if i % 2 == 0 else "odd" for i in range(4)])
x = 5
y = x * 2 if x > 3 else x // 2
print(y, 1.5 if x else 2.5)
