# Was a bug: an ordering comparison on a lambda's parameter fails to check: "cannot compare int32 and int32 with >"; minimal: f = lambda x: x > 3 / print(f(5))  (== works, and a def works)
def count_if(pred, xs: list[int32]) -> int32:
    n = 0
    for x in xs:
        if pred(x):
            n += 1
    return n

f = lambda x: x > 3
print(f(5), f(1))
limit = 10
print(count_if(lambda x: x > limit, [1, 15, 30]))
print(count_if(lambda x: x <= 1, [1, 15, 30]))
