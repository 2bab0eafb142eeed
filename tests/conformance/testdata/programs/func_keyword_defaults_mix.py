# Skipping defaults with keywords; keyword order independent.
def configure(ch: int32, freq: float = 1.0, amp: float = 0.5, phase: float = 0.0, on: bool = True) -> None:
    print(ch, freq, amp, phase, on)

configure(1)
configure(2, phase=0.25)
configure(3, on=False, amp=1.0)
configure(4, 2.0, on=False)
configure(ch=5, freq=3.0)
