# String methods: case (ASCII and Latin-1), strip, startswith/endswith,
# find/index/count, replace, split and join.
s = "  Hello, World  "
print(s.strip(), "|" + s.lstrip() + "|", "|" + s.rstrip() + "|", s.upper(), s.lower())
t = s.strip()
print(t.startswith("Hell"), t.endswith("ld"), t.endswith("x"), t.find("o"), t.find("zz"), t.count("l"), t.index("W"))
print(t.replace("l", "L"), t.replace("World", "kernel"), "abc".replace("", "-"), "aaa".replace("a", "bb"))
print("a,b,,c".split(","), "  one two   three ".split(), "x".split(","), "".split(), "a--b".split("--"))
words = ["ttl0", "ttl1", "dds"]
print(", ".join(words), "".join(["x", "y"]), "-".join([]))
print("xxhixx".strip("x"), "caf\u00e9 \u00e9t\u00e9".find("\u00e9t"), "\u00e9a".upper())
try:
    t.index("nope")
except ValueError as e:
    print("ValueError:", e)
csv = "1,2,3"
total = 0
for part in csv.split(","):
    total += len(part)
print(total)
