# None inside tuples and lists, also as the value of calls to None-returning functions.
def f():
    pass

x = (None, 1)
print(x)
print((f(), 2))
print([f(), None])
