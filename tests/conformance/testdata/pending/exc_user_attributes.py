# PENDING: a handler's variable has type Exception, so attributes of a user exception class are unreachable: e.msg gives "Exception has no attribute \"msg\"" (plus a cascaded "print() of 't2"); minimal: class E(Exception): def __init__(self, msg: str): self.msg = msg / try: raise E("boom") / except E as e: print(e.msg)
class E(Exception):
    def __init__(self, msg: str, code: int32):
        self.msg = msg
        self.code = code

try:
    raise E("boom", 7)
except E as e:
    print("caught", e.msg, e.code)
