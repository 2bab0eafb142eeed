# bytearray: made from bytes, a length, a list of ints or another
# bytearray; item assignment is visible through every name that holds it;
# out-of-range indices and values raise as in CPython.
buf = bytearray(b"hello")
alias = buf
buf[0] = 72
alias[-1] = ord_o = 79
print(buf, alias, len(buf), ord_o)
copy = bytearray(buf)
copy[1] = 69
print(buf, copy, buf == copy, buf == b"HellO", b"HellO" == buf)
z = bytearray(4)
for i in range(len(z)):
    z[i] = i * 60
print(z, list(z), bytes(z))
print(bytearray([1, 2, 255]), bytes([65, 66]), bytearray(), bytearray(b"q") + b"r", b"q" + bytearray(b"r"))
print(bytearray(b"a'b"), bytearray(b'"'), bytearray(b"'\""))
try:
    buf[5] = 1
except IndexError as e:
    print("IndexError:", e)
try:
    buf[0] = 256
except ValueError as e:
    print("ValueError:", e)
try:
    buf[0] = -1
except ValueError as e:
    print("ValueError:", e)
try:
    print(bytes([1, 2, 999]))
except ValueError as e:
    print("ValueError:", e)
try:
    print(b"ab"[2])
except IndexError as e:
    print("IndexError:", e)
try:
    print(bytearray(-1))
except ValueError as e:
    print("ValueError:", e)
