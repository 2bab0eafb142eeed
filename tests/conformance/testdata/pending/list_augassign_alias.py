# PENDING (decide): `xs += [3]` on a list builds a new list instead of extending it in place, so an alias does not see the change: prints [1, 2, 3] [1, 2] where CPython prints [1, 2, 3] [1, 2, 3]. If ARTIQ's fixed-size lists make this deliberate, state it; otherwise lower it to an in-place extend; minimal: a = [1, 2] / b = a / a += [3] / print(a, b)
a = [1, 2]
b = a
a += [3]
print(a, b)
