# Printing strings, bools and separators.
name = "ttl0"
print("channel", name, True, False)
print("a", "b", sep="-")
print("no newline", end="")
print("")
print("100%", 5)
print(name == "ttl0", name != "ttl0")
