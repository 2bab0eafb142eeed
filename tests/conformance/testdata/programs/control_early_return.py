# return from inside nested loops and conditionals.
def first_pair(n: int32, target: int32) -> tuple[int32, int32]:
    for i in range(n):
        j = 0
        while j < n:
            if i * j == target:
                return i, j
            j += 1
    return -1, -1

print(first_pair(10, 12))
print(first_pair(3, 50))

def first_neg(xs: list[int32]) -> int32:
    for x in xs:
        if x < 0:
            return x
    return 0

print(first_neg([3, 4, -2, -8]), first_neg([1]))
