# The host checks a result against the kernel's signature, as ARTIQ does:
# a mismatch raises TypeError (OverflowError for an int32 out of range) in
# the kernel, where CPython would pass the value through. Expected output
# in rpc_return_check.expected.
@rpc
def reading() -> int32:
    return 2.5

@rpc
def big() -> int32:
    return 1 << 40

@rpc
def fine() -> int64:
    return 1 << 40

try:
    print(reading())
except TypeError as e:
    print("TypeError:", e)
try:
    print(big())
except OverflowError as e:
    print("OverflowError:", e)
print(fine())
