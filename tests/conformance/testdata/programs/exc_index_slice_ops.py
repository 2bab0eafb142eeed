# IndexError from reading and writing lists, inside functions and loops.
def get(xs: list[int32], i: int32) -> int32:
    return xs[i]

def put(xs: list[int32], i: int32, v: int32) -> None:
    xs[i] = v

xs = [1, 2, 3]
for i in [0, -1, 3, -4]:
    try:
        print(get(xs, i))
    except IndexError:
        print("get", i, "out of range")
    try:
        put(xs, i, 9)
        print(xs)
    except IndexError:
        print("put", i, "out of range")
