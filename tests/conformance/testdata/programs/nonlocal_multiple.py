# nonlocal on several variables from different enclosing functions.
def outer() -> None:
    a = 1
    b = 2.0
    def mid() -> None:
        nonlocal a
        c = 10
        def inner() -> None:
            nonlocal a, c
            a += c
            c += 1
        inner()
        inner()
        print("c", c)
    def scale() -> None:
        nonlocal b
        b *= 3
    mid()
    scale()
    print(a, b)

outer()
