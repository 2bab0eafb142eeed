# Host functions are host code: the Python that kernels cannot use (dict
# comprehensions, f-strings, generators) is fine in them.
@rpc
def summarize(xs: list[int32]) -> int32:
    counts = {x: xs.count(x) for x in xs}
    print("host:", f"{len(counts)} distinct,", sum(n for n in counts.values()), "in all")
    return len(counts)


print(summarize([1, 2, 2, 3]))
