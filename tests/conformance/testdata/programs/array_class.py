# Arrays as attributes of kernel objects, in module variables read by
# functions, passed to generic functions and captured by closures.
import numpy as np

class Scan:
    def __init__(self, n: int32):
        self.points = np.linspace(0.0, 1.0, n)
        self.counts = np.zeros(n, dtype=np.int32)

    def record(self, i: int32, c: int32):
        self.counts[i] += c

    def best(self) -> float:
        k = 0
        for i in range(len(self.counts)):
            if self.counts[i] > self.counts[k]:
                k = i
        return self.points[k]

scan = Scan(5)
for i in range(5):
    scan.record(i, (i * 7) % 5)
print(scan.counts, scan.best())
weights = array([0.5, 0.25, 0.25])

def weighted(v):
    total = 0.0
    for i in range(len(v)):
        total += v[i] * weights[i]
    return total

print(weighted(array([4.0, 8.0, 16.0])))
def double(a):
    return a * 2

def make_offset(base: array[float, 1]):
    def shifted(k: float) -> array[float, 1]:
        return base + k
    return shifted

f = make_offset(array([1.0, 2.0]))
print(double(array([1, 2])), double(np.ones(2)), f(0.5))
