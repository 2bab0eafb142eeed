# Strings built from literals in functions, compared after concatenation.
def label(prefix: str, n: int32) -> str:
    digits = ["zero", "one", "two", "three"]
    return prefix + "_" + digits[n]

names = [label("ttl", i) for i in range(4)]
print(names)
print(names[2] == "ttl_two", label("x", 0) + label("y", 1))
print(len(names[0]), len(label("", 3)))
