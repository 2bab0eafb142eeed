# Constant tuple indices of mixed element types, in expressions and calls.
t = (1, 2.5, "three", (4, 5), [6, 7])
print(t[0] + 1, t[1] * 2, t[2] + "!", t[3][0] + t[3][1], t[4][1])
t[4][0] = 60
print(t)
def second(p: tuple[int32, float]) -> float:
    return p[1]
print(second((1, 0.5)), second((2, -1.0)))
