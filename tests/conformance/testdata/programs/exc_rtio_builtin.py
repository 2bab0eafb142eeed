# The RTIO exceptions are built-in exception types that kernels can raise
# and catch. CPython's shim does not define them, so the output is stated.
def check_slack(slack: int64) -> None:
    if slack < 0:
        raise RTIOUnderflow("slack is negative")

for s in [int64(10), int64(-5)]:
    try:
        check_slack(s)
        print("ok", s)
    except RTIOUnderflow as e:
        print("underflow:", e)
try:
    raise RTIOOverflow("fifo full")
except (RTIOUnderflow, RTIOOverflow) as e:
    print("rtio error:", e)
try:
    raise RTIODestinationUnreachable("no route")
except Exception:
    print("caught by Exception")
