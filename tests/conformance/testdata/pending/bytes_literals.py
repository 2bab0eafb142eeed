# PENDING: bytes literals are not supported yet ("this expression is not supported in kernels yet"); the issue asks for bytes literals with indexing and len; minimal: b = b"ab" / print(b[0], len(b))
b = b"abc"
print(b[0], b[1], b[-1], len(b))
total = 0
for i in range(len(b)):
    total += b[i]
print(total)
