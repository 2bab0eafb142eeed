# Default argument values of several types, mixed with positional args.
def pulse(ch: int32, dur: float = 1.5, n: int32 = 3, tag: str = "p") -> None:
    print(tag, ch, dur, n)

pulse(1)
pulse(2, 0.25)
pulse(3, 0.5, 7)
pulse(4, 1.0, 1, "q")
pulse(5, n=9)
pulse(6, tag="kw", dur=2.0)

def flag(on: bool = True) -> bool:
    return not on

print(flag(), flag(False))
