# finally blocks run in the order Python defines, innermost first.
def f() -> None:
    try:
        try:
            print("body")
        finally:
            print("inner finally")
        print("between")
    finally:
        print("outer finally")
    print("after")

f()
for i in range(2):
    try:
        try:
            print("loop", i)
        finally:
            print("inner", i)
    finally:
        print("outer", i)
