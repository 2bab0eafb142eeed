# Keyword arguments travel as ARTIQ's k-tagged arguments; defaults are the
# host's own; host functions may take *args and **kwargs.
@rpc
def configure(channel: int32, freq: float = 100e6, amp: float = 1.0, name: str = "dds") -> str:
    return "%s ch%d f=%s a=%s" % (name, channel, freq, amp)

@rpc
def anything(*args, **kwargs):
    print("host: args", args, "kwargs", sorted(kwargs.items()))

@rpc
def keyword_only(a: int32, *, scale: int32 = 10) -> int32:
    return a * scale

print(configure(1))
print(configure(2, amp=0.5))
print(configure(channel=3, name="urukul", freq=80e6))
print(configure(4, 1e6, 0.25, "x"))
anything()
anything(1, "two", 3.0, flag=True, count=int64(7))
anything(items=[1, 2, 3])
print(keyword_only(3), keyword_only(3, scale=2))
