# Nested calls as arguments are evaluated left to right.
def tag(name: str, v: int32) -> int32:
    print("eval", name)
    return v

def add3(a: int32, b: int32, c: int32) -> int32:
    return a + b + c

print(add3(tag("a", 1), tag("b", 2), tag("c", 3)))
print(add3(add3(1, 2, 3), tag("x", 10), add3(tag("y", 1), 0, 0)))
