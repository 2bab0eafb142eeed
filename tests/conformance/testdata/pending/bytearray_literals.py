# PENDING: bytearray is not defined ("name \"bytearray\" is not defined"); the issue asks for bytearray with indexing and len; minimal: b = bytearray(b"ab") / b[0] = 65 / print(b[0], len(b))
b = bytearray(b"ab")
b[0] = 65
print(b[0], b[1], len(b))
