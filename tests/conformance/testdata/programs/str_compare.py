# String equality in conditions, functions and lists.
def kind(name: str) -> int32:
    if name == "ttl":
        return 1
    elif name == "dds":
        return 2
    return 0

for n in ["ttl", "dds", "adc", "TTL", "ttl "]:
    print(n, kind(n))
s = "a" + "b"
print(s == "ab", s != "ab", "ab" == s)
