# return inside try runs finally; the value computed before finally wins.
def h() -> int32:
    try:
        print("h-try")
        return 10
    finally:
        print("h-finally")
    print("h-out")
    return 20

def j() -> None:
    try:
        print("j-try")
    finally:
        print("j-finally")
    print("j-out")

print("h", h())
print("j", j())
