"""Drivers for digital (TTL) RTIO channels.

TTLOut drives an output. TTLInOut is a bidirectional channel: its output
(address 0), output enable (address 1), input sensitivity (address 2) and
input sampling (address 3) are written over RTIO, and the edges its gate
lets through come back as timestamped input events. TTLClockGen programs a
clock generator's frequency tuning word.

All channels count time in machine units (RTIO reference periods) of the
core device they belong to.
"""

import numpy

from artiq.language.core import *
from artiq.language.types import *
from artiq.coredevice.rtio import (rtio_output, rtio_input_timestamp,
                                   rtio_input_data)


def channel_names(device_db):
    """Maps the TTL channels of a device database to their device names."""
    return {desc["arguments"]["channel"]: name
            for name, desc in device_db.items()
            if isinstance(desc, dict) and desc.get("module") == __name__}


# Input sensitivity: which edges the gate of a TTLInOut lets through.
_SENS_NONE = 0
_SENS_RISING = 1
_SENS_FALLING = 2
_SENS_BOTH = _SENS_RISING | _SENS_FALLING


class TTLOut:
    """A digital output.

    :param channel: the RTIO channel number.
    :param core_device: the name of the core device that drives it.
    """
    kernel_invariants = {"core", "channel", "target_o"}

    def __init__(self, dmgr, channel, core_device="core"):
        self.core = dmgr.get(core_device)
        self.channel = channel
        self.target_o = channel << 8

    @staticmethod
    def get_rtio_channels(channel, **kwargs):
        return [(channel, None)]

    @kernel
    def output(self):
        pass

    @kernel
    def set_o(self, o):
        rtio_output(self.target_o, 1 if o else 0)

    @kernel
    def on(self):
        """Drives the output high at the timeline cursor."""
        self.set_o(True)

    @kernel
    def off(self):
        """Drives the output low at the timeline cursor."""
        self.set_o(False)

    @kernel
    def pulse_mu(self, duration):
        """A high pulse of ``duration`` machine units, from the cursor; the
        cursor moves to its end."""
        self.on()
        delay_mu(duration)
        self.off()

    @kernel
    def pulse(self, duration):
        """A high pulse of ``duration`` seconds."""
        self.on()
        delay(duration)
        self.off()


class TTLInOut:
    """A bidirectional digital channel: an output, and an input whose gate
    timestamps and counts edges.

    :param channel: the RTIO channel number.
    :param gate_latency_mu: machine units between the closing of the gate and
        the last input event it can produce (default: one coarse RTIO cycle).
    :param core_device: the name of the core device that drives it.
    """
    kernel_invariants = {"core", "channel", "gate_latency_mu",
                         "target_o", "target_oe", "target_sens",
                         "target_sample"}

    def __init__(self, dmgr, channel, gate_latency_mu=None,
                 core_device="core"):
        self.core = dmgr.get(core_device)
        self.channel = channel
        if gate_latency_mu is None:
            gate_latency_mu = self.core.ref_multiplier
        # A plain int: kernels add it to int64 timestamps (ARTIQ types host
        # ints by their use).
        self.gate_latency_mu = gate_latency_mu
        self.target_o = (channel << 8) + 0
        self.target_oe = (channel << 8) + 1
        self.target_sens = (channel << 8) + 2
        self.target_sample = (channel << 8) + 3

    @staticmethod
    def get_rtio_channels(channel, **kwargs):
        return [(channel, None)]

    @kernel
    def set_oe(self, oe):
        rtio_output(self.target_oe, 1 if oe else 0)

    @kernel
    def output(self):
        """Makes the channel an output."""
        self.set_oe(True)

    @kernel
    def input(self):
        """Makes the channel an input."""
        self.set_oe(False)

    @kernel
    def set_o(self, o):
        rtio_output(self.target_o, 1 if o else 0)

    @kernel
    def on(self):
        self.set_o(True)

    @kernel
    def off(self):
        self.set_o(False)

    @kernel
    def pulse_mu(self, duration):
        self.on()
        delay_mu(duration)
        self.off()

    @kernel
    def pulse(self, duration):
        self.on()
        delay(duration)
        self.off()

    # Input gating. The gate opens at the cursor and closes ``duration``
    # later; the methods return the cursor at its closing, which is what
    # count() and timestamp_mu() wait for.

    @kernel
    def _set_sensitivity(self, value):
        rtio_output(self.target_sens, value)

    @kernel
    def gate_rising_mu(self, duration):
        self._set_sensitivity(_SENS_RISING)
        delay_mu(duration)
        self._set_sensitivity(_SENS_NONE)
        return now_mu()

    @kernel
    def gate_falling_mu(self, duration):
        self._set_sensitivity(_SENS_FALLING)
        delay_mu(duration)
        self._set_sensitivity(_SENS_NONE)
        return now_mu()

    @kernel
    def gate_both_mu(self, duration):
        self._set_sensitivity(_SENS_BOTH)
        delay_mu(duration)
        self._set_sensitivity(_SENS_NONE)
        return now_mu()

    @kernel
    def gate_rising(self, duration):
        """Opens the gate for rising edges for ``duration`` seconds."""
        return self.gate_rising_mu(self.core.seconds_to_mu(duration))

    @kernel
    def gate_falling(self, duration):
        return self.gate_falling_mu(self.core.seconds_to_mu(duration))

    @kernel
    def gate_both(self, duration):
        return self.gate_both_mu(self.core.seconds_to_mu(duration))

    @kernel
    def count(self, up_to_timestamp_mu):
        """Consumes the input events of a gate that closes at
        ``up_to_timestamp_mu`` and returns how many there were."""
        result = 0
        while self.timestamp_mu(up_to_timestamp_mu) >= 0:
            result += 1
        return result

    @kernel
    def timestamp_mu(self, up_to_timestamp_mu):
        """The timestamp of the next input event of a gate that closes at
        ``up_to_timestamp_mu``, or -1 when there is none."""
        return rtio_input_timestamp(up_to_timestamp_mu + self.gate_latency_mu,
                                    self.channel)

    @kernel
    def sample_input(self):
        """Samples the input level at the timeline cursor."""
        rtio_output(self.target_sample, 0)

    @kernel
    def sample_get(self):
        """The level of the last sample_input()."""
        return rtio_input_data(self.channel)

    @kernel
    def sample_get_nonrt(self):
        """sample_input() and sample_get() now, then back to real time."""
        self.sample_input()
        r = self.sample_get()
        self.core.break_realtime()
        return r


class TTLClockGen:
    """A clock generator on a TTL channel: a phase accumulator whose
    frequency tuning word is written over RTIO.

    :param channel: the RTIO channel number.
    :param acc_width: the width of the phase accumulator, in bits.
    """
    kernel_invariants = {"core", "channel", "target", "acc_width"}

    def __init__(self, dmgr, channel, acc_width=24, core_device="core"):
        self.core = dmgr.get(core_device)
        self.channel = channel
        self.target = channel << 8
        self.acc_width = numpy.int64(acc_width)

    @portable
    def frequency_to_ftw(self, frequency):
        """The tuning word of ``frequency`` (Hz)."""
        return round(float(int64(2)**self.acc_width)*frequency*self.core.coarse_ref_period)

    @portable
    def ftw_to_frequency(self, ftw):
        return ftw/self.core.coarse_ref_period/float(int64(2)**self.acc_width)

    @kernel
    def set_mu(self, frequency):
        rtio_output(self.target, frequency)

    @kernel
    def set(self, frequency):
        self.set_mu(self.frequency_to_ftw(frequency))

    @kernel
    def stop(self):
        self.set_mu(0)
