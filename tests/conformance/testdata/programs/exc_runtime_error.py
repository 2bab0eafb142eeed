# RuntimeError raised and caught, and caught by a base Exception handler.
def step(n: int32) -> int32:
    if n == 3:
        raise RuntimeError("step three failed")
    return n * 2

total = 0
for n in range(5):
    try:
        total += step(n)
    except RuntimeError as e:
        print("runtime:", e)
print(total)
try:
    step(3)
except Exception as e:
    print("generic:", e)
