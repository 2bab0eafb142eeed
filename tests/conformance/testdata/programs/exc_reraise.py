# A bare raise re-raises; an exception raised in a handler propagates;
# an uncaught exception ends the kernel with status 1 after finally runs.
def risky(n: int32) -> None:
    if n == 2:
        raise ValueError("two")

try:
    try:
        risky(2)
    except ValueError:
        print("handling, re-raising")
        raise
except ValueError as e:
    print("outer:", e)

try:
    try:
        risky(2)
    except ValueError:
        raise IndexError("from handler")
except IndexError as e:
    print("got", e)

try:
    print("last")
    risky(2)
finally:
    print("cleanup before exit")
print("not reached")
