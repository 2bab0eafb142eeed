# PENDING: list() with no argument is rejected ("list() takes exactly 1 argument (0 given)"); ARTIQ's own builtin.py integration test uses it; minimal: x = list() / x = [1] if False / print(x == [])
x = list()
if False:
    x = [1]
print(x == [], len(x))
y = list()
y = y + [2.5]
print(y)
