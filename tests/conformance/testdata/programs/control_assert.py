# assert with and without a message, caught as AssertionError.
def check(x: int32) -> None:
    assert x >= 0, "x must be non-negative"
    assert x < 100
    print("ok", x)

check(5)
try:
    check(-1)
except AssertionError as e:
    print("caught:", e)
try:
    check(200)
except AssertionError:
    print("caught bare assert")
assert True
assert 1 == 1, "never"
print("end")
