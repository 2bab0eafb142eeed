# list() with no argument is an empty list whose element type a later use decides.
x = list()
if False:
    x = [1]
print(x == [], len(x))
y = list()
y = y + [2.5]
print(y)
