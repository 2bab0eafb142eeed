# PENDING: a class as a return annotation loses the instance's fields: def make(v: int32) -> Box: return Box(v) / print(make(1).v) gives "Box object has no attribute \"v\"" (plus a cascaded "print() of 't2"); a class as a parameter annotation works now
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
