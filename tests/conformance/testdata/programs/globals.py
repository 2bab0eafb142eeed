# Module variables of a standalone program, read and written from functions.
counter = 0

def bump(by: int32) -> None:
    global counter
    counter += by

def read() -> int32:
    return counter

bump(3)
bump(4)
print(read(), counter)
