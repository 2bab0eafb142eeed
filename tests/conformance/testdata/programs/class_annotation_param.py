# A class as a parameter and return annotation of functions checked before any instance is made.
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
