# finally runs on every way out: fall through, return, break, continue,
# and exceptions, in Python's order.
def f(x: int32) -> int32:
    try:
        if x > 0:
            return x
        print("f: no return")
    finally:
        print("f: finally", x)
    return -1

print(f(5))
print(f(0))

for i in range(4):
    try:
        if i == 1:
            continue
        if i == 3:
            break
        print("body", i)
    finally:
        print("finally", i)

def g() -> int32:
    try:
        raise ValueError("in g")
    finally:
        print("g: finally")
    return 0

try:
    g()
except ValueError as e:
    print("caught from g:", e)

def h() -> int32:
    try:
        return 1
    finally:
        print("h: finally")

print(h())

try:
    try:
        raise IndexError("inner")
    finally:
        print("inner finally")
except IndexError:
    print("outer caught")
