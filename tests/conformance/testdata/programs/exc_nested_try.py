# Was a bug: an exception not matched by an inner try's handlers is not caught by an enclosing try in the same function (the kernel dies with the uncaught IndexError); minimal: try: / try: raise IndexError("i") / except ValueError: pass / except IndexError: print("outer")
# Nested try blocks: inner handlers first, unmatched exceptions propagate out.
def level(k: int32) -> str:
    try:
        try:
            if k == 0:
                raise ValueError("inner value")
            if k == 1:
                raise IndexError("inner index")
            return "none"
        except ValueError as e:
            print("inner handler:", e)
            return "inner"
    except IndexError as e:
        print("outer handler:", e)
        return "outer"

for k in range(3):
    print(level(k))
