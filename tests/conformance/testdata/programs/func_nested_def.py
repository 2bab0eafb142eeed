# Nested functions that do not capture, called from their parent.
def outer(n: int32) -> int32:
    def square(x: int32) -> int32:
        return x * x
    def cube(x: int32) -> int32:
        return x * square(x)
    return square(n) + cube(n)

print(outer(2), outer(3))

def solve(xs: list[int32]) -> int32:
    def helper(a: int32, b: int32) -> int32:
        return a if a > b else b
    best = xs[0]
    for x in xs:
        best = helper(best, x)
    return best

print(solve([3, 9, 2, 7]))
