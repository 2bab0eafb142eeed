# bytes: literals with escapes, concatenation, repetition, comparisons by
# contents, slicing, membership, iteration and CPython's repr when printed.
a = b"abc"
b = b'it\'s' + b"\x00\x7f\x80\xff\n\t\r\\"
print(a, b, len(b))
print(a + a, a * 3, 2 * b"xy", a * 0, a * -1)
print(a == b"abc", a != b"abd", a < b"abd", b"ab" < a, a > b"abc", a >= b"abc", b"" <= a)
print(a[0], a[-1], a[1:], a[::-1], a[5:], b[2:4])
print(97 in a, 100 in a, 100 not in a)
total = 0
for x in b:
    total = total + x
print(total)
print([c * 2 for c in a])
print(b'"', b"'", b"'\"", b"", (a, b"q"), [b"x", b"y"])
if a:
    if not b"":
        print("truthy")
c = a
c += b"d"
print(a, c)
