# Strings index, slice and iterate by code point (one-character strings),
# support `in` (substring), repetition and ordering.
s = "kernel"
print(s[0], s[-1], s[1:4], s[::-1], s[::2], s[4:100], s[-3:], s[5:1:-1])
u = "d\u00e9j\u00e0 vu"
print(len(u), u[1], u[3], u[::-1], u[1:4], "\u00e0" in u, "ja" in u)
chars = []
for ch in "a\u00e9b":
    chars = chars + [ch]
print(chars, [c + c for c in "xy"], list("ok"))
print("ab" * 3, 2 * "-", "x" * 0, "y" * -2, len("\u00e9" * 4))
print("lo" in "hello", "" in "abc", "z" not in "abc")
try:
    print(s[6])
except IndexError as e:
    print("IndexError:", e)
n = 0
for i in range(len(s)):
    if s[i] == "e":
        n += 1
print(n)
