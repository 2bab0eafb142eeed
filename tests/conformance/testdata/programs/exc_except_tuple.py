# except with a tuple of types catches any of them, in order of clauses.
def fail(kind: int32) -> None:
    if kind == 0:
        raise ValueError("v")
    elif kind == 1:
        raise IndexError("i")
    elif kind == 2:
        raise ZeroDivisionError("z")
    print("no error", kind)

for k in range(4):
    try:
        fail(k)
    except (ValueError, IndexError) as e:
        print("value or index:", e)
    except ZeroDivisionError:
        print("zero division")
