# Unary minus, plus, not and invert on ints, floats and bools.
x = 5
f = 2.5
print(-x, +x, ~x, not x, -f, +f, not f, not 0.0)
print(-(-x), ~~x, not not x)
t = True
print(not t, -t, +t)
z = 0
print(-z, ~z, not z)
