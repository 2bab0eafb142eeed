# Functions without return statements return None.
def log(msg: str) -> None:
    print("log:", msg)

def maybe(x: int32) -> None:
    if x > 0:
        print("positive")
        return
    print("not positive")

r = log("a")
print(r)
maybe(1)
maybe(-1)
print(log("b") is None)
