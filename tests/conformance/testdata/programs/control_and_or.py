# and/or short-circuit and return the deciding operand.
def t(x: int32) -> int32:
    print("eval", x)
    return x

print(t(0) and t(1))
print(t(2) and t(3))
print(t(0) or t(4))
print(t(5) or t(6))
print(1 and 2 and 3, 1 and 0 and 3, 0 or 0 or 7)
print(True and 5 > 3, False or 2 < 1)
a = 0
b = a or 42
print(b)
