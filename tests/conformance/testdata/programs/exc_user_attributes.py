# User exceptions carry fields set by their __init__; the handler of a class binds the instance.
class E(Exception):
    def __init__(self, msg: str, code: int32):
        self.msg = msg
        self.code = code

try:
    raise E("boom", 7)
except E as e:
    print("caught", e.msg, e.code)
