# A return inside finally discards an exception in flight.
def swallow() -> int32:
    try:
        raise ValueError("lost")
    finally:
        return 5

print(swallow())
def loop_swallow() -> int32:
    for i in range(3):
        try:
            raise IndexError("x")
        finally:
            if i == 1:
                return i
    return -1
print(loop_swallow())
