# for over range with one, two and three arguments, including negative steps
# and empty ranges.
def collect(r) -> list[int32]:
    return [i for i in r]

print(collect(range(5)))
print(collect(range(2, 6)))
print(collect(range(0, 10, 3)))
print(collect(range(10, 0, -3)))
print(collect(range(-5, -1)))
print(collect(range(5, 0)), collect(range(0, 5, -1)))
n = 4
total = 0
for i in range(n, 2 * n):
    total += i
print(total)
