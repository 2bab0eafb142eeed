# An uncaught ValueError raised in a nested call ends the kernel with status 1.
def check(x: float) -> float:
    if x < 0.0:
        raise ValueError("negative amplitude")
    return x * 2

print(check(0.5))
print(check(-0.5))
print("not reached")
