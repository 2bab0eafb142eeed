# Tuple packing and unpacking, swaps and rotations.
t = 1, 2.5, "x"
a, b, c = t
print(t, a, b, c)
x, y, z = 1, 2, 3
x, y, z = z, x, y
print(x, y, z)
p = (x, (y, z))
u, (v, w) = p
print(u, v, w, p)
single = (5,)
(s,) = single
print(single, s)
