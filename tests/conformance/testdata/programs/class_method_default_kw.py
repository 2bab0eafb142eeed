# Methods with default and keyword arguments.
class Dds:
    def __init__(self, ch: int32):
        self.ch = ch
        self.freq = 0.0
        self.amp = 0.0

    def set(self, freq: float, amp: float = 1.0) -> None:
        self.freq = freq
        self.amp = amp

d = Dds(0)
d.set(100 * MHz)
print(d.freq, d.amp)
d.set(20 * MHz, 0.5)
print(d.freq, d.amp)
d.set(amp=0.25, freq=1 * MHz)
print(d.freq, d.amp)
