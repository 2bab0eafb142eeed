# The exception variable of a handler prints its message.
class MyError(Exception):
    pass

msgs = ["first", "second problem", ""]
for m in msgs:
    try:
        raise MyError(m)
    except MyError as err:
        print("[", err, "]")
try:
    raise ValueError("value " + "concatenated")
except ValueError as v:
    print(v)
