# int32 addition and subtraction wrap at 32 bits; CPython sees it via int32().
x = 2147483600
for i in range(5):
    x = int32(x + 20)
    print(x)
y = -2147483600
for i in range(5):
    y = int32(y - 20)
    print(y)
print(int32(2147483647 + 2147483647), int32(-2147483648 + -1))
