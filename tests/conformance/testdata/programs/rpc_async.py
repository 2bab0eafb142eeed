# Async RPCs return nothing and do not make the kernel wait, yet what the
# host prints still appears before what the kernel prints next.
@rpc(flags={"async"})
def record(step: int32, value: float):
    print("host: record", step, value)

@rpc(flags={"async"})
def note(msg: str):
    if msg.startswith("!"):
        print("host:", msg)

@rpc
def sync_count(n: int32) -> int32:
    print("host: sync", n)
    return n + 1

for i in range(3):
    record(i, i * 0.5)
    print("kernel: step", i)
for i in range(1000):
    note("!" + "x" if i % 250 == 0 else "quiet")
print("kernel: after notes")
record(9, 9.0)
print(sync_count(41))
record(10, 10.0)
