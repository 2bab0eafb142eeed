# global declared inside nested and recursive functions.
calls = 0

def recurse(n: int32) -> None:
    global calls
    calls += 1
    if n < 5:
        recurse(n + 1)

def outer() -> None:
    def inner() -> None:
        global calls
        calls += 100
    inner()

recurse(0)
outer()
print(calls)
