"""The RTIO functions of the core device's firmware, as syscalls."""

from artiq.language.core import syscall
from artiq.language.types import TInt32, TInt64, TList, TNone


@syscall(flags={"nowrite"})
def rtio_output(target: TInt32, data: TInt32) -> TNone:
    """Writes ``data`` to ``target`` (channel << 8 | address) at the timeline cursor."""
    raise NotImplementedError("syscall not simulated")


@syscall(flags={"nowrite"})
def rtio_output_wide(target: TInt32, data: TList(TInt32)) -> TNone:
    raise NotImplementedError("syscall not simulated")


@syscall(flags={"nowrite"})
def rtio_input_timestamp(timeout_mu: TInt64, channel: TInt32) -> TInt64:
    """Waits for an input event until ``timeout_mu``; returns its timestamp, or -1."""
    raise NotImplementedError("syscall not simulated")


@syscall(flags={"nowrite"})
def rtio_input_data(channel: TInt32) -> TInt32:
    raise NotImplementedError("syscall not simulated")
