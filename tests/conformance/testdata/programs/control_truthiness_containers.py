# Was a bug: strings, lists and None as conditions are rejected ("a condition must be bool, int or float, found list[int32]"; bool() likewise); CPython tests their emptiness; minimal: if [0]: print("x")  /  print(bool(""), bool([]))
def truth(b: bool) -> str:
    if b:
        return "T"
    return "F"

print(truth(bool(0)), truth(bool(3)), truth(bool(0.0)))
print(bool(""), bool("x"), bool([]), bool([0]), bool(None))
print(not [], not "", not None, not 1)
xs = [1, 2, 3]
while xs:
    xs = xs[1:]
    print(len(xs))
if "":
    print("nonempty")
elif "a":
    print("str truthy")
