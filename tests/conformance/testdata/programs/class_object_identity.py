# Objects are references: aliases see each other's writes.
class Box:
    def __init__(self, v: int32):
        self.v = v

def set_box(b, v: int32) -> None:
    b.v = v

a = Box(1)
b = a
c = Box(1)
b.v = 5
print(a.v, c.v)
set_box(c, 9)
print(c.v)
