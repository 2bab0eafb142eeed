# Closures passed to higher-order helpers.
def map_list(f, xs: list[int32]) -> list[int32]:
    return [f(x) for x in xs]

def count_if(pred, xs: list[int32]) -> int32:
    n = 0
    for x in xs:
        if pred(x):
            n += 1
    return n

def main() -> None:
    offset = 7
    limit = 10
    xs = [1, 5, 9, 12]
    print(map_list(lambda x: x + offset, xs))
    def big(x: int32) -> bool:
        return x > limit - offset
    print(count_if(big, xs))
    def square(x: int32) -> int32:
        return x * x + offset
    print(map_list(square, xs))

main()
