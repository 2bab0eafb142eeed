# PENDING: a class name as a parameter annotation is rejected ("unknown type annotation"); minimal: class Box: ... / def set_box(b: Box, v: int32) -> None
class Box:
    def __init__(self, v: int32):
        self.v = v

def set_box(b: Box, v: int32) -> None:
    b.v = v

def make(v: int32) -> Box:
    return Box(v)

c = make(1)
set_box(c, 9)
print(c.v)
