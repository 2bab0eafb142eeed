# Negating and abs of the most negative int32 wraps to itself.
m = -2147483647 - 1
print(m, int32(-m), int32(abs(m)), int32(m - 1), int32(m * -1))
print(int32(m // -1))
