# Arrays cross to host functions and back as NumPy arrays (ARTIQ's tag
# a<dims><T>): 1-D and 2-D, of every element type.
import numpy as np

@rpc
def stats(v: array[float, 1]) -> float:
    print("host got", v, v.dtype, v.shape)
    return float(v.sum())

@rpc
def ramp(n: int32) -> array[float, 1]:
    return np.linspace(0.0, 1.0, n)

@rpc
def grid(rows: int32, cols: int32) -> array[int32, 2]:
    return np.arange(rows * cols, dtype=np.int32).reshape((rows, cols))

@rpc
def flags(n: int32) -> array[bool, 1]:
    return np.array([i % 2 == 0 for i in range(n)])

@rpc
def show(x):
    print("host show", x, type(x).__name__, x.dtype, x.shape)

print(stats(np.array([0.5, 1.5, 2.0])))
r = ramp(5)
print(r, len(r))
g = grid(2, 3)
g[1, 2] = -1
print(g, g.shape)
print(flags(3))
show(array([[1, 2], [3, 4]]))
show(np.zeros(2, dtype=np.int64))
show(array([True, False]))
show(g[1])
show(np.zeros((2, 0)))
