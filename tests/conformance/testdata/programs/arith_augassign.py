# Augmented assignment on names with every integer operator.
x = 100
x += 5
print(x)
x -= 7
print(x)
x *= 3
print(x)
x //= 4
print(x)
x %= 17
print(x)
x <<= 4
print(x)
x >>= 2
print(x)
x |= 0x101
print(x)
x &= 0xF0F
print(x)
x ^= 0xFF
print(x)
x **= 2
print(x)
f = 1.5
f += 2
f *= 3.0
f /= 4
f -= 0.125
print(f)
