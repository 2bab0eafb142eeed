# AssertionError with and without messages, caught by type and by Exception.
def validate(x: int32) -> int32:
    assert x != 0, "zero not allowed"
    assert x > -10
    return 100 // x

for x in [5, 0, -20, -5]:
    try:
        print(validate(x))
    except AssertionError as e:
        print("assertion:", e)
try:
    assert 1 > 2, "math is broken"
except Exception as e:
    print("generic:", e)
