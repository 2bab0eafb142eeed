# User exception hierarchies: handlers for the base catch subclasses;
# except Exception catches everything.
class DeviceError(Exception):
    pass

class TimeoutErr(DeviceError):
    pass

class OverflowErr(DeviceError):
    pass

def op(k: int32) -> None:
    if k == 0:
        raise TimeoutErr("timeout")
    if k == 1:
        raise OverflowErr("overflow")
    if k == 2:
        raise DeviceError("device")
    raise ValueError("other")

for k in range(4):
    try:
        op(k)
    except TimeoutErr as e:
        print("timeout handler", e)
    except DeviceError as e:
        print("device handler", e)
    except Exception:
        print("generic handler")
