# bytes ('B') and bytearray ('A') cross to host functions and back.
@rpc
def echo(b: bytes) -> bytes:
    print("host got", b, type(b).__name__)
    return b + b"!"

@rpc
def make(n: int32) -> bytearray:
    return bytearray(range(65, 65 + n))

@rpc
def show(x):
    print("host show", x, type(x).__name__)

r = echo(b"ab\x00")
print(r, len(r))
m = make(3)
m[0] = 122
print(m)
show(m)
show(b"zz")
show([b"a", b"bc"])
show((b"k", bytearray(b"v")))
