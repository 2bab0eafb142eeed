# Bitwise operators and shifts on int32, including negative operands.
a = 0x0F0F
b = 0x00FF
print(a & b, a | b, a ^ b, ~a, ~b)
print(-1 & 0xFF, -256 | 15, -1 ^ 1, ~0, ~-1)
for s in range(0, 31, 5):
    print(s, 1 << s, -8 >> (s % 4), 1000000 >> s)
print(0b1011, 0o17, 0xdead, 0b1 << 4)
mask = 0
for bit in [0, 3, 5, 7]:
    mask |= 1 << bit
print(mask, mask & (1 << 3) != 0, mask & (1 << 4) != 0)
