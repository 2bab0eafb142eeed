# Lists of strings: indexing, in, ==, concatenation of elements.
names = ["ttl0", "ttl1", "dds"]
print(names, names[1], names[-1], len(names))
label = ""
for n in names:
    label = label + n + ";"
print(label)
print("dds" in names, "urukul" in names, names == ["ttl0", "ttl1", "dds"])
names[2] = "urukul"
print(names)
