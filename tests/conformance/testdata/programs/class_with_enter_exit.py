# `with` calls __exit__ on normal exit, on exceptions, and on return.
class Guard:
    def __init__(self, tag: str):
        self.tag = tag

    def __enter__(self):
        print("enter", self.tag)

    def __exit__(self, a, b, c):
        print("exit", self.tag)

def f() -> int32:
    with Guard("f"):
        return 7
    return 0

print(f())
try:
    with Guard("outer"):
        with Guard("inner"):
            [0][1]
        print("not reached")
except IndexError:
    print("caught")
for i in range(3):
    with Guard("loop"):
        if i == 1:
            break
print("done")
