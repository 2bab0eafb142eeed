# Out-of-range indices raise IndexError, caught or uncaught.
xs = [1, 2, 3]
for i in [2, 3, -3, -4, 100]:
    try:
        print(i, xs[i])
    except IndexError:
        print(i, "IndexError")
try:
    xs[5] = 0
except IndexError:
    print("store IndexError")
empty = [0] * 0
try:
    print(empty[0])
except IndexError:
    print("empty IndexError")
print(xs[3])
