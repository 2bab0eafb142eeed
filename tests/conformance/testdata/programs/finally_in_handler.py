# finally after a handler that itself raises.
def f() -> None:
    try:
        try:
            raise ValueError("first")
        except ValueError:
            print("handler raises")
            raise IndexError("second")
        finally:
            print("finally runs")
    except IndexError as e:
        print("caught", e)

f()
def g() -> int32:
    try:
        raise ValueError("x")
    except ValueError:
        return 1
    finally:
        print("g finally")
    return 2
print(g())
