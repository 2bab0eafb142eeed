# bytes and bytearrays pass to and from functions (annotated and
# inferred), sit in lists and tuples, and a bytearray argument is shared
# with the caller.
def checksum(data: bytes) -> int32:
    s = 0
    for x in data:
        s = (s + x) & 0xFF
    return s

def fill(buf: bytearray, v: int32):
    for i in range(len(buf)):
        buf[i] = v

def frame(payload):
    return b"\x02" + payload + b"\x03"

def count(data, needle):
    n = 0
    for x in data:
        if x == needle:
            n += 1
    return n

msg = frame(b"ping")
print(msg, checksum(msg), count(msg, 105))
ba = bytearray(3)
fill(ba, 7)
print(ba, checksum(bytes(ba)))
packets = [b"a", b"bb", b"ccc"]
total = 0
for p in packets:
    total += len(p)
print(total, packets[2][1], (msg, len(msg)))
