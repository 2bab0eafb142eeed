# User exceptions with fields: set through super().__init__(msg) or
# Exception.__init__(self, msg), raised from functions, stored, modified and
# re-raised; a class with subclasses binds the exception (message only).
class AppError(Exception):
    pass

class CodeError(AppError):
    def __init__(self, msg: str, code: int32):
        super().__init__(msg)
        self.code = code

class Plain(Exception):
    def __init__(self, code: int32):
        self.code = code

class Named(Exception):
    def __init__(self, msg: str):
        Exception.__init__(self, "named: " + msg)
        self.raw = msg

class Bare(Exception):
    def __init__(self):
        self.hits = 1

def fail(k: int32) -> None:
    if k == 0:
        raise CodeError("bad code", 42)
    if k == 1:
        raise Plain(7)
    if k == 2:
        raise Named("x")
    if k == 3:
        raise Bare
    if k == 4:
        err = CodeError("stored", 5)
        err.code += 1
        raise err
    raise AppError("app")

for k in range(6):
    try:
        fail(k)
    except CodeError as e:
        print("code", e, e.code)
    except Plain as e:
        print("plain", e.code)
    except Named as e:
        print("named", e, e.raw)
    except Bare as e:
        print("bare", e.hits, e)
    except AppError as e:
        print("app", e)

try:
    try:
        fail(0)
    except CodeError as e:
        e.code = 99
        raise e
except CodeError as e2:
    print("reraised", e2.code, e2)
try:
    try:
        fail(0)
    except CodeError as e:
        raise
except AppError as e:
    print("base", e)
try:
    fail(4)
except (CodeError, Plain) as e:
    print("tuple", e)
