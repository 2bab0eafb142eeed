# try/except/else/finally with built-in exceptions.
def divide(a: int32, b: int32) -> int32:
    return a // b

try:
    print(divide(7, 0))
except ZeroDivisionError:
    print("caught division")

try:
    raise ValueError("bad value")
except (IndexError, ValueError) as e:
    print("caught", e)

try:
    print("no error")
except ValueError:
    print("not here")
else:
    print("else runs")
finally:
    print("finally runs")

try:
    raise IndexError("x")
except:
    print("bare except")

def check(x: int32) -> int32:
    if x < 0:
        raise ValueError("negative")
    return x * 2

for v in range(-1, 2):
    try:
        print(check(v))
    except ValueError as err:
        print("error:", err)
