# Was a bug: `is`/`is not` between objects is rejected ("'is' is only supported with None"); minimal: a = Box(1) / b = a / print(a is b)
class Box:
    def __init__(self, v: int32):
        self.v = v

a = Box(1)
b = a
c = Box(1)
print(a is b, a is c, a is not c)
