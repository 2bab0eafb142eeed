# Chained comparisons evaluate each operand once, left to right.
calls = 0
def v(x: int32) -> int32:
    global calls
    calls += 1
    print("eval", x)
    return x

print(v(1) < v(2) < v(3))
print(v(3) < v(2) < v(1))
print(calls)
x = 5
print(0 <= x < 10, 0 <= x < 5, 1 < 2 > 0, 3 == 3 == 3, 1 != 2 != 1)
print(-1 < x <= 5 != 6)
