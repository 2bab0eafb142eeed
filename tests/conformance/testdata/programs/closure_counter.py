# A closure with nonlocal state shared between two inner functions.
def run() -> None:
    count = 0
    def inc() -> None:
        nonlocal count
        count += 1
    def get() -> int32:
        return count
    for i in range(7):
        inc()
    print(get(), count)

run()

def accumulate(xs: list[int32]) -> int32:
    total = 0
    def add(x: int32) -> None:
        nonlocal total
        total += x
    for x in xs:
        add(x)
    return total

print(accumulate([1, 2, 3, 4]))
