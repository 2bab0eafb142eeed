# int32 arithmetic wraps at 32 bits, as on the core device. CPython
# shows it through the shim's int32().
x = 2147483647
print(int32(x + 1))
print(int32(-2147483648 - 1))
