# PENDING: user exceptions cannot carry fields: raise E("boom", 7) with a custom __init__ gives "an exception takes at most one argument, its message", and a handler's variable has type Exception, so e.msg gives "Exception has no attribute \"msg\"" (plus cascaded "print() of 't2"); minimal: class E(Exception): def __init__(self, msg: str): self.msg = msg / try: raise E("boom") / except E as e: print(e.msg)
class E(Exception):
    def __init__(self, msg: str, code: int32):
        self.msg = msg
        self.code = code

try:
    raise E("boom", 7)
except E as e:
    print("caught", e.msg, e.code)
