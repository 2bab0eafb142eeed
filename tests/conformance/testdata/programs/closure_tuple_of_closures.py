# A function returning a tuple of closures, unpacked before the function is
# checked (the top level is checked first).
def make():
    items = []
    def add(x: int32) -> int32:
        items.append(x)
        return len(items)
    def get() -> list[int32]:
        return items
    return add, get
add, get = make()
add(3)
add(4)
print(get(), add(5), get())
