# finally runs when an exception passes through, then the exception continues.
def risky(n: int32) -> int32:
    try:
        if n < 0:
            raise ValueError("negative")
        return n
    finally:
        print("risky finally", n)

for n in [1, -1]:
    try:
        print(risky(n))
    except ValueError as e:
        print("caught", e)
    finally:
        print("outer finally", n)
