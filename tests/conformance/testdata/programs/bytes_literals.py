b = b"abc"
print(b[0], b[1], b[-1], len(b))
total = 0
for i in range(len(b)):
    total += b[i]
print(total)
