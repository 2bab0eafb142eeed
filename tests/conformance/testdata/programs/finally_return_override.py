# A return inside finally overrides the try block's return.
def i() -> int32:
    try:
        print("i-try")
        return 10
    finally:
        print("i-finally")
        return 30

def k() -> int32:
    x = 1
    try:
        return x
    finally:
        x = 2
        print("x set to", x)

print("i", i())
print("k", k())
