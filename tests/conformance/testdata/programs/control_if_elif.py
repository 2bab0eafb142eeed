# if/elif/else chains, nested ifs and conditions of every type.
def classify(n: int32) -> str:
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    else:
        return "large"

for v in [-5, 0, 3, 10, 99]:
    print(v, classify(v))
x = 7
if x > 5:
    if x > 6:
        print("x > 6")
    else:
        print("x == 6")
if 0.0:
    print("float true")
else:
    print("float false")
if 0:
    print("int true")
elif -1:
    print("int truthy")
if False:
    print("false")
elif not True:
    print("not true")
else:
    print("else")
