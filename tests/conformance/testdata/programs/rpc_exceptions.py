# An exception raised by a host function is raised in the kernel, where
# except clauses catch it by type (built-in and user classes) and finally
# blocks run.
class ScanAborted(Exception):
    pass

@rpc
def measure(point: int32) -> float:
    print("host: measure", point)
    if point == 2:
        raise ValueError("point 2 is out of range")
    if point == 4:
        raise ScanAborted("operator abort")
    if point == 5:
        return [1.0][3]
    if point == 6:
        return {"a": 1.0}["b"]
    return point * 1.5

def scan(points: list[int32]) -> float:
    total = 0.0
    for p in points:
        try:
            total += measure(p)
        except ValueError as e:
            print("kernel: skipped:", e)
        except IndexError as e:
            print("kernel: index:", e)
        except KeyError as e:
            print("kernel: key:", e)
        finally:
            print("kernel: done", p)
    return total

print(scan([0, 1, 2, 3, 5, 6]))
try:
    scan([3, 4, 1])
except ScanAborted as e:
    print("kernel: aborted:", e)
try:
    measure(2)
except Exception as e:
    print("kernel: any:", e)
