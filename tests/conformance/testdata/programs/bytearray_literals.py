b = bytearray(b"ab")
b[0] = 65
print(b[0], b[1], len(b))
