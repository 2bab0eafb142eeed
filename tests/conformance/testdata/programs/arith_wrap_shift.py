# Left shifts past bit 31 wrap; right shifts are arithmetic.
for s in [28, 29, 30, 31]:
    print(s, int32(1 << s), int32(3 << s), int32(-1 << s))
print(int32(0x7FFFFFFF << 1), int32(0x40000000 << 1))
print(-2147483648 >> 31, -2147483648 >> 1, 2147483647 >> 30)
