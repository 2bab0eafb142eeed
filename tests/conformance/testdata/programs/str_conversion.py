# str() and repr() of every printable type: the text print() writes, as a
# string built at run time.
x = 42
print("x = " + str(x), str(-7), str(int64(1) << 40), str(2.5), str(0.1 + 0.2), str(True), str(None), str())
print(str([1, 2]) + "!", str((1, "a")), str("hi"), repr("hi"), repr(3), repr(["q's", "x"]), str(range(3)))
s = ""
for i in range(5):
    s = s + str(i) + ","
print(s, len(s))
class E(Exception):
    pass
try:
    raise E("boom")
except E as e:
    print("got " + str(e))
try:
    raise ValueError("bad")
except ValueError as e:
    msg = str(e)
    print(msg, len(msg))
def f(v) -> str:
    return "<" + str(v) + ">"
print(f(1), f(1.5), f("s"), f([True]))
