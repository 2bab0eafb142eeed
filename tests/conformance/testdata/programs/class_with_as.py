# `with ... as` binds the value returned by __enter__.
class Resource:
    def __init__(self, n: int32):
        self.n = n
        self.open = False

    def __enter__(self):
        self.open = True
        print("open", self.n)
        return self

    def __exit__(self, a, b, c):
        self.open = False
        print("close", self.n)

r = Resource(1)
with r as handle:
    print(handle.n, handle.open, r.open)
print(r.open)
with Resource(2) as a:
    with Resource(3) as b:
        print(a.n + b.n)
