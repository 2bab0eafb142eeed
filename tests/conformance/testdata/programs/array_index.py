# Indexing: elements (negative indices too), m[i, j], rows m[i] (views of
# the array: writes through them change it), a[lo:hi] views, and
# NumPy's IndexError messages.
a = array([10, 20, 30, 40])
print(a[0], a[-1], a[2], a[-4])
m = array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
print(m[0, 0], m[1, 2], m[-1, -1], m[1], m[-2], m[1][1])
row = m[0]
row[1] = 20.0
print(m)
m[1, 0] = 40
m[0][2] = 30.5
print(m)
s = a[1:3]
print(s, s.shape, a[:2], a[2:], a[-2:], a[3:1], a[:])
s[0] = 99
print(a)
t = array([[[1, 2], [3, 4]], [[5, 6], [7, 8]]])
print(t[1], t[1, 0], t[1, 0, 1], t[0][1][0], t[:1])
c = array([[0, 1], [2, 3]])
d = c[:1]
d[0, 0] = 5
print(c, d.shape, c[1:0].shape)
for k in [4, -5, 100]:
    try:
        print(a[k])
    except IndexError as e:
        print("IndexError:", e)
try:
    print(m[0, 3])
except IndexError as e:
    print("IndexError:", e)
try:
    m[2] = 1.0
except IndexError as e:
    print("IndexError:", e)
i = int64(2)
print(a[i], m[int64(1), i])
