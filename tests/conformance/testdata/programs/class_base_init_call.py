# A subclass calls its base class's __init__ through the class (A.__init__(self, v)) or super().
class A:
    def __init__(self, v: int32):
        self.v = v

class B(A):
    def __init__(self, v: int32):
        A.__init__(self, v)
        self.w = v * 2

class C(A):
    def __init__(self, v: int32):
        super().__init__(v)
        self.w = v * 3

b = B(3)
c = C(4)
print(b.v, b.w, c.v, c.w)
