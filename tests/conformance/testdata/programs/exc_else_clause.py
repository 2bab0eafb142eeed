# else runs only when the try body raised nothing; exceptions in else are
# not caught by the same try.
def attempt(x: int32) -> None:
    try:
        y = 10 // x
    except ZeroDivisionError:
        print("div by zero")
    else:
        print("result", y)
    finally:
        print("finally", x)

attempt(2)
attempt(0)
try:
    try:
        pass
    except ValueError:
        print("not here")
    else:
        raise ValueError("from else")
except ValueError as e:
    print("outer caught", e)
