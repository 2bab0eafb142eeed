# xs += ys extends the list in place: every name for it sees the change.
a = [1, 2]
b = a
a += [3]
print(a, b)
