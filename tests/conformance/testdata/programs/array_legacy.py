# ARTIQ's spellings: TArray(T) and TArray(T, n) annotations from
# artiq.language.types, numpy imported as np, and arrays in RPCs.
from artiq.language.types import TArray, TFloat, TInt32
import numpy as np

@kernel
def mean(xs: TArray(TFloat)) -> TFloat:
    return xs.sum() / len(xs)

@kernel
def identity(n: TInt32) -> TArray(TInt32, 2):
    m = np.zeros((n, n), dtype=np.int32)
    for i in range(n):
        m[i, i] = 1
    return m

@rpc
def record(data: TArray(TFloat)):
    print("host record", data)

xs = np.linspace(1.0, 2.0, 5)
print(mean(xs), identity(3))
record(xs * 2)
