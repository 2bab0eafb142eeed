# with blocks and finally blocks interleave their exit actions in order.
class Ctx:
    def __init__(self, n: int32):
        self.n = n

    def __enter__(self):
        print("enter", self.n)

    def __exit__(self, a, b, c):
        print("exit", self.n)

def run(fail: bool) -> None:
    try:
        with Ctx(1):
            try:
                with Ctx(2):
                    if fail:
                        raise ValueError("fail")
                    print("body")
            finally:
                print("inner finally")
    except ValueError:
        print("handled")
    finally:
        print("outer finally")

run(False)
run(True)
