# len() counts code points, not UTF-8 bytes, as in Python.
print(len("\u00e9"), len("caf\u00e9"))
