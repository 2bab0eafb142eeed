# print of None values and functions that return None.
def nothing() -> None:
    pass

print(None)
print(nothing())
x = None
print(x, x is None, x is not None)
print(None, None, sep="|")
