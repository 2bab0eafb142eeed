# return from a while loop inside try/finally in a loop with a counter.
def search(xs: list[int32], v: int32) -> int32:
    i = 0
    while i < len(xs):
        try:
            if xs[i] == v:
                return i
        finally:
            i += 1
    return -1

print(search([5, 6, 7], 7), search([5, 6, 7], 9))
