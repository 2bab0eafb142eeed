# A syscall with a list parameter (TList(TInt32)): the firmware takes it
# by pointer to its {ptr, len} slice, as ARTIQ's rtio_output_wide does.
# CPython has no core device: the expectation is stated in the
# .expected and .timeline.csv files.
from artiq.language.core import syscall
from artiq.language.types import TInt32, TList, TNone


@syscall(flags={"nowrite"})
def rtio_output_wide(target: TInt32, data: TList(TInt32)) -> TNone:
    raise NotImplementedError("syscall not simulated")


delay_mu(int64(100))
rtio_output_wide((5 << 8) | 1, [7, 8, 9])
words = [i * i for i in range(4)]
delay_mu(int64(10))
rtio_output_wide(6 << 8, words)
print(len(words), words)
