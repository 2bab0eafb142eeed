# Loops inside nested functions with early returns and closures over loop
# results.
def outer(n: int32) -> int32:
    best = 0
    def score(i: int32) -> int32:
        return (i * 7) % 11
    for i in range(n):
        if score(i) > best:
            best = score(i)
            if best == 10:
                return i
    return -best

print(outer(3), outer(20))
