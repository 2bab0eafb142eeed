# Strings inside tuples and lists print with quotes; directly without.
name = "dds0"
info = (name, 3, 1.5)
print(info)
print(info[0], info[1])
print([name, name + "x"], (name,))
print("a" + "b" == "ab", ("a", 1) == ("a", 1))
