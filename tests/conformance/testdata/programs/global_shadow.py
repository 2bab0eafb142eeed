# A local variable shadows a module variable without global.
x = 10

def local_only() -> int32:
    x = 5
    return x * 2

def reads_global() -> int32:
    return x + 1

print(local_only(), reads_global(), x)
def writes_global() -> None:
    global x
    x = 99
writes_global()
print(reads_global(), x)
