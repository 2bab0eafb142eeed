# Building strings by concatenation in loops and functions.
def repeat(s: str, n: int32) -> str:
    out = ""
    for i in range(n):
        out = out + s
    return out

def join(parts: list[str], sep: str) -> str:
    out = ""
    for i in range(len(parts)):
        if i > 0:
            out = out + sep
        out = out + parts[i]
    return out

print(repeat("ab", 3), len(repeat("xyz", 10)))
print(join(["a", "b", "c"], ", "), join(["solo"], "-"), join([], "+") == "")
