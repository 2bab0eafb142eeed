# Was a bug: an ordering comparison with a module-level int inside a function fails: "cannot compare int32 and int32 with >" (== and + work); likely the same deferred-comparison bug as closure_lambda_compare (the operand type is still a variable when the comparison is checked); minimal: depth = 0 / def f(n: int32) -> bool: return n > depth / print(f(3))
# global declared inside nested and recursive functions.
depth = 0
calls = 0

def recurse(n: int32) -> None:
    global depth, calls
    calls += 1
    if n > depth:
        depth = n
    if n < 5:
        recurse(n + 1)

def outer() -> None:
    def inner() -> None:
        global calls
        calls += 100
    inner()

recurse(0)
outer()
print(depth, calls)
