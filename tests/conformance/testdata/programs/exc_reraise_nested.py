# A bare raise inside nested handlers re-raises the current exception.
def inner() -> None:
    try:
        raise IndexError("deep")
    except IndexError:
        print("inner saw it")
        raise

def middle() -> None:
    try:
        inner()
    except IndexError:
        print("middle saw it")
        raise
    finally:
        print("middle finally")

try:
    middle()
except IndexError as e:
    print("top got", e)
