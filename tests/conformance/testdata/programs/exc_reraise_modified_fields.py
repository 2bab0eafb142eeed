# A user exception modified in a handler and re-raised, or re-raised as is.
class E1(Exception):
    def __init__(self, code: int32):
        super().__init__("e1")
        self.code = code
def thrower(c: int32) -> None:
    raise E1(c)
def middle(c: int32) -> int32:
    try:
        thrower(c)
    except E1 as e:
        if e.code > 5:
            raise
        e.code += 100
        raise e
    return 0
for c in [1, 9]:
    try:
        middle(c)
    except E1 as e:
        print("outer", e.code, e)
