# An uncaught IndexError ends the kernel with status 1.
xs = [1, 2, 3]
total = 0
for i in range(5):
    print("reading", i)
    total += xs[i]
print(total)
