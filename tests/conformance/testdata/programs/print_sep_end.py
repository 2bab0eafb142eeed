# print's sep and end keywords with mixed argument types.
print(1, 2, 3, sep="")
print(1, 2.5, "x", True, sep=" | ")
print("a", end="")
print("b", end="-")
print("c")
print(sep="x")
print("only", end="\n\n")
print([1], (2,), sep=";", end=".\n")
