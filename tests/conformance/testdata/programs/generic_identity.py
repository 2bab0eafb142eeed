# A generic function instantiated at many types.
def ident(x):
    return x

def twice(x):
    return (x, x)

print(ident(1), ident(2.5), ident("s"), ident(True), ident([1, 2]), ident((1, "a")))
print(twice(3), twice("ab"), twice([0.5]))
print(ident(int64(1) << 40))
