# Strings: concatenation, comparison, len.
a = "ttl"
b = a + "_" + "out"
print(b, len(b), b == "ttl_out", b != a)
s = ""
for i in range(3):
    s = s + "ab"
print(s, len(s))
