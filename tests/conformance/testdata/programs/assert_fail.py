# A failed assert stops the kernel with exit status 1.
x = 3
print("before")
assert x == 3
assert x == 4, "x is not four"
print("not reached")
