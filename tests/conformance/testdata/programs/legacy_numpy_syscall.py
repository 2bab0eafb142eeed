# NumPy's integer types through the module and an alias (import numpy as
# np), also as annotations; int64(now_mu()); syscalls declared in ARTIQ's
# legacy style (flags, artiq.language.types annotations). CPython here has
# no NumPy and no core device: the expectation is stated in the
# .expected and .timeline.csv files.
import numpy
import numpy as np
from artiq.language.core import kernel, syscall
from artiq.language.types import TInt32, TInt64, TFloat, TNone


@syscall(flags={"nounwind", "nowrite"})
def rtio_get_counter() -> TInt64:
    raise NotImplementedError("syscall not simulated")


@syscall(flags={"nowrite"})
def rtio_output(target: TInt32, data: TInt32) -> TNone:
    raise NotImplementedError("syscall not simulated")


@kernel
def to_mu(t: TFloat) -> np.int64:
    return np.int64(t / 1e-9)


@kernel
def widen(x: numpy.int32) -> numpy.int64:
    return numpy.int64(x) << 33


x = np.int32(7)
print(x, widen(x), numpy.int64(3) * numpy.int32(2))
delay_mu(np.int64(1000))
t = int64(now_mu())
print(t, rtio_get_counter())
rtio_output((3 << 8) | 1, 5)
at_mu(int64(now_mu()) + 10)
rtio_output(3 << 8, 1)
print(to_mu(1.5e-6), np.float64(2) / 4)
