# float ** negative powers go through an accurate pow: 10.0 ** -5 is 1e-05.
print(10.0 ** -5, 10.0 ** -6, 10.0 ** -7, 2.0 ** -1)
x = 10.0
for e in range(1, 10):
    print(x ** -e)
