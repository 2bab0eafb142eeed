# Lists of objects: iteration, mutation through elements.
class Acc:
    def __init__(self, k: int32):
        self.k = k
        self.total = 0

    def add(self, v: int32) -> None:
        self.total += v * self.k

accs = [Acc(1), Acc(2), Acc(3)]
for i in range(5):
    for a in accs:
        a.add(i)
print([a.total for a in accs])
accs[1].total = -1
print(accs[1].total, accs[0].k + accs[2].k)
