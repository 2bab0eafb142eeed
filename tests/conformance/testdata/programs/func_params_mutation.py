# Lists are passed by reference; ints by value.
def fill(xs: list[int32], v: int32) -> None:
    for i in range(len(xs)):
        xs[i] = v
    v = 0

def bump(n: int32) -> int32:
    n += 1
    return n

a = [1, 2, 3]
v = 7
fill(a, v)
print(a, v)
n = 10
print(bump(n), n)
