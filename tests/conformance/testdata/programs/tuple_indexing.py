# Constant indexing of tuples, including negative and nested indices.
t = (10, 2.5, "s", True, (1, 2))
print(t[0], t[1], t[2], t[3], t[4], t[4][1], t[-1][0], t[-5])
print(len(t), len(()), len((1,)))
pair = (int64(5000000000), -1)
print(pair[0] + pair[1])
