"""Driver for the core device: the RTIO clock and the kernels' timeline.

Host code (the constructor, compile/run) runs on the control PC; the
@kernel and @portable methods run on the core device.
"""
import os
import logging

import numpy

from artiq.language.core import *
from artiq.language.types import *
from artiq.language.units import ns
# Host-only: the connection to the core device. Not part of this stand-in
# package, as ARTIQ's compiler is not; kernels never see it.
from artiq.coredevice.comm_kernel import CommKernel


__all__ = ["Core", "CompileError"]

logger = logging.getLogger(__name__)

# Slack that reset() and break_realtime() leave between the RTIO counter
# and the timeline cursor.
_SLACK_MU = 125000


@syscall(flags={"nounwind", "nowrite"})
def rtio_get_counter() -> TInt64:
    raise NotImplementedError("syscall not simulated")


@syscall(flags={"nounwind", "nowrite"})
def rtio_init() -> TNone:
    raise NotImplementedError("syscall not simulated")


class CompileError(Exception):
    def __init__(self, diagnostic):
        self.diagnostic = diagnostic

    def __str__(self):
        return "\n" + str(self.diagnostic)


class Core:
    """The core device.

    :param host: hostname or IP address of the core device.
    :param ref_period: period of the RTIO reference clock, in seconds
        (one machine unit).
    :param ref_multiplier: coarse RTIO clock periods per reference period.
    :param target: the core device's CPU ("rv32g", "rv32ima", "cortexa9").
    """

    kernel_invariants = {
        "core", "ref_period", "coarse_ref_period", "ref_multiplier",
    }

    def __init__(self, dmgr, host, ref_period, ref_multiplier=8,
                 target="rv32g", analyzer_proxy=None):
        self.ref_period = ref_period
        self.ref_multiplier = ref_multiplier
        self.coarse_ref_period = ref_period*ref_multiplier
        self.target = target
        self.host = host
        self.analyzer_proxy_name = analyzer_proxy
        self.comm = CommKernel(host)
        self.comm.core = self
        self.core = self
        self.first_run = True

    def notify_run_end(self):
        self.first_run = False

    def close(self):
        logger.debug("closing the connection to %s", self.host)

    def compile(self, function, args, kwargs, set_result=None):
        try:
            raise NotImplementedError(
                "build kernels with rules_artiq: bazel build //your/experiment")
        except NotImplementedError as error:
            raise CompileError(f"cannot compile {function!r}") from error

    def run(self, function, args, kwargs):
        self.compile(function, args, kwargs)
        self.notify_run_end()

    @portable
    def seconds_to_mu(self, seconds):
        """Converts seconds to the nearest number of machine units (RTIO
        reference periods)."""
        return numpy.int64(numpy.rint(seconds/self.ref_period))

    @portable
    def mu_to_seconds(self, mu):
        """Converts machine units to seconds."""
        return mu*self.ref_period

    @kernel
    def get_rtio_counter_mu(self):
        """The current value of the RTIO counter (the hardware's time)."""
        return rtio_get_counter()

    @kernel
    def wait_until_mu(self, cursor_mu):
        """Blocks until the RTIO counter reaches ``cursor_mu``."""
        while self.get_rtio_counter_mu() < cursor_mu:
            pass

    @kernel
    def reset(self):
        """Clears the RTIO FIFOs and sets the timeline cursor a fixed slack
        after the RTIO counter."""
        rtio_init()
        at_mu(rtio_get_counter() + _SLACK_MU)

    @kernel
    def break_realtime(self):
        """Moves the timeline cursor at least the slack past the RTIO
        counter (never back)."""
        min_now = rtio_get_counter() + _SLACK_MU
        if now_mu() < min_now:
            at_mu(min_now)
