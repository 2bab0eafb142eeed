# RPC arguments and results that are lists (also nested and of strings),
# tuples and ranges; list results use the kernel heap allocation protocol.
@rpc
def squares(n: int32) -> list[int32]:
    return [i * i for i in range(n)]

@rpc
def names(n: int32) -> list[str]:
    return ["ch%d" % i for i in range(n)]

@rpc
def grid(n: int32) -> list[list[float]]:
    return [[i + j / 4 for j in range(n)] for i in range(n)]

@rpc
def stats(xs: list[float]) -> tuple[float, float, int32]:
    print("host: stats of", xs)
    return (min(xs), max(xs), len(xs))

@rpc
def describe(t: tuple[bool, int64, str, float]) -> str:
    return "%s/%d/%s/%s" % t

@rpc
def show(xs):
    print("host: show", xs)

@rpc
def empty() -> list[int64]:
    return []

@rpc
def flags() -> list[bool]:
    return [True, False, True]

@rpc
def points() -> list[tuple[int32, str]]:
    return [(1, "a"), (2, "bb")]

sq = squares(6)
print(sq, len(sq), sq[5])
print(names(3))
print(grid(3))
print(stats([0.5, 2.0, -1.25]))
print(describe((True, int64(1) << 35, "x", 0.1)))
show([[1, 2], [], [3]])
show((1, 2.5, "s"))
show(range(2, 20, 3))
show(["a", "b"])
print(empty(), flags(), points())
acc = []
for i in range(4):
    acc = acc + squares(i)
print(acc)
