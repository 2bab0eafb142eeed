# Sync RPCs: the kernel calls host functions, which print and return
# values of each scalar type; host and kernel output interleave in order.
@rpc
def add(a: int32, b: int32) -> int32:
    print("host: add", a, b)
    return a + b

@rpc
def wide(x: int64) -> int64:
    return x * 3

@rpc
def half(x: float) -> float:
    return x / 2

@rpc
def negate(b: bool) -> bool:
    return not b

@rpc
def shout(s: str) -> str:
    print("host: shout", repr(s))
    return s.upper() + "!"

@rpc
def nothing():
    print("host: nothing")

print("kernel: start")
x = add(2, 3)
print("kernel: add ->", x)
print(wide(int64(1) << 40))
print(half(5.0), half(1.0))
print(negate(True), negate(False))
print(shout("hello"), len(shout("")))
nothing()
r = nothing()
print(r)
total = 0
for i in range(5):
    total += add(i, total)
print("kernel: total", total)
