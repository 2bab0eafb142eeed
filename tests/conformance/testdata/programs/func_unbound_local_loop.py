# A local assigned only in some branches and loops: UnboundLocalError when
# it is read unassigned (uncaught: exit 1).
def f(n: int32) -> int32:
    if n > 0:
        r = n * 2
    while n < 0:
        r = -n
        n += 1
    return r
print(f(3), f(-2))
print(f(0))
