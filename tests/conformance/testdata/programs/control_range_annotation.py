# Was a bug: `range` as a parameter annotation is rejected ("unknown type annotation"); minimal: def collect(r: range) -> list[int32]: return [i for i in r]
def collect(r: range) -> list[int32]:
    return [i for i in r]

print(collect(range(5)), collect(range(10, 0, -3)))
