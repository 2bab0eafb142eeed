"""Driver for the SPI master of the RTIO gateware.

A transfer is configured (flags, length in bits, clock divider, chip
selects) by a write to the channel's configuration address, then each
write to its data address shifts one word out (left-aligned, MSB first
unless SPI_LSB_FIRST). The last word of a transaction carries SPI_END,
which releases the chip select.
"""

from artiq.language.core import *
from artiq.language.types import *
from artiq.language.units import MHz
from artiq.coredevice.rtio import rtio_output, rtio_input_data


__all__ = [
    "SPI_DATA_ADDR", "SPI_CONFIG_ADDR",
    "SPI_OFFLINE", "SPI_END", "SPI_INPUT", "SPI_CS_POLARITY",
    "SPI_CLK_POLARITY", "SPI_CLK_PHASE", "SPI_LSB_FIRST", "SPI_HALF_DUPLEX",
    "SPIMaster",
]

SPI_DATA_ADDR = 0
SPI_CONFIG_ADDR = 1

SPI_OFFLINE = 0x01
SPI_END = 0x02
SPI_INPUT = 0x04
SPI_CS_POLARITY = 0x08
SPI_CLK_POLARITY = 0x10
SPI_CLK_PHASE = 0x20
SPI_LSB_FIRST = 0x40
SPI_HALF_DUPLEX = 0x80


class SPIMaster:
    """An SPI bus master on an RTIO channel.

    :param channel: the RTIO channel number.
    :param div: the initial clock divider (see set_config_mu).
    :param length: the initial transfer length in bits.
    :param core_device: the name of the core device that drives it.
    """
    kernel_invariants = {"core", "ref_period_mu", "channel"}

    def __init__(self, dmgr, channel, div=0, length=0, core_device="core"):
        self.core = dmgr.get(core_device)
        self.ref_period_mu = self.core.seconds_to_mu(
            self.core.coarse_ref_period)
        assert self.ref_period_mu == self.core.ref_multiplier
        self.channel = channel
        self.update_xfer_duration_mu(div, length)

    @staticmethod
    def get_rtio_channels(channel, **kwargs):
        return [(channel, None)]

    @portable
    def frequency_to_div(self, f):
        """The clock divider that gives at most ``f`` (Hz)."""
        return int(round(1/(f*self.core.mu_to_seconds(self.ref_period_mu))))

    @kernel
    def set_config(self, flags, length, freq, cs):
        """Configures the transfers that follow (``freq`` in Hz)."""
        self.set_config_mu(flags, length, self.frequency_to_div(freq), cs)

    @kernel
    def set_config_mu(self, flags, length, div, cs):
        """Configures the transfers that follow.

        :param flags: the SPI_* flags.
        :param length: bits per transfer, 1 to 32.
        :param div: clock divider, 2 to 257: the SPI clock is the coarse
            RTIO clock divided by ``div``.
        :param cs: the chip select bits to assert.
        """
        if length > 32 or length < 1:
            raise ValueError("Invalid SPI transfer length")
        if div > 257 or div < 2:
            raise ValueError("Invalid SPI clock divider")
        rtio_output((self.channel << 8) | SPI_CONFIG_ADDR, flags |
                    ((length - 1) << 8) | ((div - 2) << 16) | (cs << 24))
        self.update_xfer_duration_mu(div, length)
        delay_mu(self.ref_period_mu)

    @portable
    def update_xfer_duration_mu(self, div, length):
        self.xfer_duration_mu = length*div*self.ref_period_mu

    @kernel
    def write(self, data):
        """Shifts ``data`` out and moves the cursor past the transfer."""
        rtio_output((self.channel << 8) | SPI_DATA_ADDR, data)
        delay_mu(self.xfer_duration_mu)

    @kernel
    def read(self):
        """The word shifted in by the last transfer with SPI_INPUT."""
        return rtio_input_data(self.channel)
