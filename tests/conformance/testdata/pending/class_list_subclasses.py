# PENDING (decide): a list of a base class and its subclass is rejected ("list elements must all have the same type; this is B, earlier ones are A"); CPython dispatches per element (prints [1, 5]). ARTIQ's older compiler also rejects this, so decide and document; minimal: objs = [A(1), B(2, 3)] with class B(A)
class A:
    def __init__(self, v: int32):
        self.v = v

    def get(self) -> int32:
        return self.v

class B(A):
    def __init__(self, v: int32, w: int32):
        self.v = v
        self.w = w

    def get(self) -> int32:
        return self.v + self.w

objs = [A(1), B(2, 3)]
print([o.get() for o in objs])
