# A literal that does not fit in int32 is an int64, and promotes its operands.
x = 1
y = x + 5000000000
z = 3000000000 - x
print(y, z, y > z)
big = [4000000000, 5000000000]
print(big[0] + big[1], big[1] // 3)
