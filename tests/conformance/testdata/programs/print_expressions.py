# print of arithmetic, comparisons and calls evaluated in order.
def f(x: int32) -> int32:
    print("f", x)
    return x * 2

print(f(1), f(2), f(3))
print(1 + 2, 3 * 4.0, 7 // 2, 7 / 2, 2 ** 8, -7 % 3)
print(1 < 2, 2.0 >= 3.0, "a" == "a", [1] == [1])
