# An exception raised in finally replaces the one in flight.
def f() -> None:
    try:
        raise ValueError("original")
    finally:
        raise IndexError("replacement")

try:
    f()
except IndexError as e:
    print("got", e)
except ValueError as e:
    print("not this", e)
