# Assigning to the loop variable does not affect iteration.
for i in range(3):
    print(i)
    i = 100
xs = [1, 2, 3]
for x in xs:
    x = x * 10
print(xs)
