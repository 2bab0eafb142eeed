# PENDING: a subclass cannot call its base class's __init__: "A.__init__(self, v)" gives "calling a method through its class is not supported; call it on an instance" and "super().__init__(v)" gives "name \"super\" is not defined" (both with cascades leaking type variables); minimal: class B(A): def __init__(self, v: int32): A.__init__(self, v)
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
