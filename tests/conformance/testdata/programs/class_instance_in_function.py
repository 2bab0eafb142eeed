# Instances created in functions, returned and passed around.
class Pulse:
    def __init__(self, ch: int32, width: int64):
        self.ch = ch
        self.width = width

def make_pulses(n: int32) -> None:
    ps = [Pulse(i, int64(10 * (i + 1))) for i in range(n)]
    total = int64(0)
    for p in ps:
        total += p.width
    print(len(ps), total, ps[-1].ch)

def fire(p) -> None:
    rtio_output(p.ch << 8, 1)
    delay_mu(p.width)
    rtio_output(p.ch << 8, 0)

make_pulses(4)
at_mu(int64(0))
fire(Pulse(2, int64(40)))
print(now_mu())
