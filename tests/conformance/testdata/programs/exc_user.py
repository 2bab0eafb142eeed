# User exception classes, with inheritance, caught by base class.
class CalibrationError(Exception):
    pass

class DriftError(CalibrationError):
    pass

def check(x: int32) -> int32:
    if x > 10:
        raise DriftError("drift too large")
    if x < 0:
        raise CalibrationError("negative")
    return x

for v in [5, 20, -1]:
    try:
        print(check(v))
    except DriftError as e:
        print("drift:", e)
    except CalibrationError as e:
        print("calibration:", e)

try:
    check(11)
except CalibrationError as e:
    print("base catches derived:", e)

try:
    try:
        check(-5)
    except CalibrationError as e:
        raise e
except Exception:
    print("re-raised and caught")
