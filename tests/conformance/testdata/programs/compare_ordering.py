# <, <=, >, >= on strings (code point order), tuples and lists
# (lexicographic, then by length).
words = ["pear", "Apple", "apple", "fig", "", "figs", "\u00e9t\u00e9"]
for a in words:
    print(a, [a < b for b in words], a >= "fig")
print((1, 2) < (1, 3), (2, 0) > (1, 9), (1, 2) <= (1, 2), (1, 2, 3) > (1, 2), (1,) < (1, 0))
print(("a", 2.5) < ("a", 3), ((1, 2), 0) < ((1, 3), -1))
print([1, 2] < [1, 2, 0], [3] > [2, 9, 9], [] < [0], [1.5] <= [1.5], [[1], [2]] < [[1], [3]])
def smallest(xs: list[str]) -> str:
    best = xs[0]
    for x in xs:
        if x < best:
            best = x
    return best
print(smallest(words), smallest(["b", "ab", "abc"]))
