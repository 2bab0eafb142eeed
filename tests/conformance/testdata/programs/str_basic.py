# String literals, == and !=, + and len.
a = "hello"
b = 'world'
c = a + " " + b
print(c, len(c), len(""), len("x"))
print(a == "hello", a != "hello", a == b, "" == "")
print("tab\there", "quote'", 'dq"', "back\\slash")
d = """triple
quoted"""
print(d, len(d))
