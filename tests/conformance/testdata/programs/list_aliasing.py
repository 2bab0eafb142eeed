# Lists are mutable references: aliases, elements of lists, function args.
a = [1, 2, 3]
b = a
b[0] = 10
print(a)
outer = [a, a]
outer[0][1] = 20
print(a, outer)
def clear(xs: list[int32]) -> None:
    for i in range(len(xs)):
        xs[i] = 0
clear(outer[1])
print(a)
