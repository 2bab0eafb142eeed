# A host exception that nothing catches ends the kernel with status 1.
@rpc
def check(v: int32) -> int32:
    if v > 2:
        raise RuntimeError("interlock tripped at %d" % v)
    return v

for i in range(5):
    print("kernel:", check(i))
print("not reached")
