# print of strings directly and inside containers (repr quoting).
s = "it's"
print(s)
print([s], (s,))
print(["plain", 'dq"inside', "both'\""])
print(("", " "), [""])
print("multiple", "args", sep=", ", end="!\n")
print()
print("unicode: \u00e9\u00e8")
