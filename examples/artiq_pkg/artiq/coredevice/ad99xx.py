"""Driver for the AD99xx, a made-up single-tone DDS on an SPI bus.

The chip has 16-bit registers: CFR (configuration), FTW_HI/FTW_LO (the
32-bit frequency tuning word), POW (phase offset, 16 bits of a turn) and
ASF (amplitude scale, 14 bits). A register write is one 24-bit SPI
transfer: the register address in the top byte, then the data. New values
take effect at the next pulse of the IO_UPDATE line, a TTL output.
"""

from numpy import int32, int64

from artiq.language.core import kernel, portable, delay, delay_mu
from artiq.language.types import TInt32, TInt64, TFloat, TNone
from artiq.language.units import us, ns, MHz, GHz
from artiq.coredevice import spi2 as spi


AD99XX_REG_CFR = 0x00
AD99XX_REG_FTW_HI = 0x01
AD99XX_REG_FTW_LO = 0x02
AD99XX_REG_POW = 0x03
AD99XX_REG_ASF = 0x04

# CFR bits
AD99XX_CFR_SDIO_INPUT = 1 << 1
AD99XX_CFR_OSK_ENABLE = 1 << 8
AD99XX_CFR_RESET = 1 << 15

# SPI transfers: 24 bits, chip select released after each.
SPI_CONFIG = (0*spi.SPI_OFFLINE | 1*spi.SPI_END | 0*spi.SPI_INPUT |
              0*spi.SPI_CS_POLARITY | 0*spi.SPI_CLK_POLARITY |
              0*spi.SPI_CLK_PHASE | 0*spi.SPI_LSB_FIRST |
              0*spi.SPI_HALF_DUPLEX)

# Largest amplitude scale factor.
ASF_MAX = 0x3fff


class AD99xx:
    """An AD99xx DDS channel.

    :param spi_device: the name of the SPIMaster of its bus.
    :param chip_select: its chip select line on the bus (1 to 7).
    :param io_update_device: the name of the TTLOut on its IO_UPDATE line.
    :param sysclk: its system clock (Hz); the tuning word is
        ``2**32 * frequency / sysclk``.
    :param div: the SPI clock divider (see SPIMaster.set_config_mu).
    """
    kernel_invariants = {"core", "bus", "chip_select", "io_update",
                         "sysclk", "ftw_per_hz"}

    def __init__(self, dmgr, spi_device, chip_select, io_update_device,
                 sysclk=1*GHz, div=4, core_device="core"):
        self.core = dmgr.get(core_device)
        self.bus = dmgr.get(spi_device)
        self.io_update = dmgr.get(io_update_device)
        assert 1 <= chip_select <= 7
        self.chip_select = 1 << (chip_select - 1)
        self.sysclk = sysclk
        self.ftw_per_hz = float(1 << 32)/sysclk
        self.div = div
        self.kernel_invariants = self.kernel_invariants | {"div"}

    @portable(flags={"fast-math"})
    def frequency_to_ftw(self, frequency) -> TInt64:
        """The frequency tuning word of ``frequency`` (Hz)."""
        return int64(round(self.ftw_per_hz*frequency))

    @portable(flags={"fast-math"})
    def ftw_to_frequency(self, ftw: TInt64) -> TFloat:
        return ftw/self.ftw_per_hz

    @portable
    def turns_to_pow(self, turns) -> TInt32:
        """The phase offset word of ``turns`` (a fraction of a full turn)."""
        return int32(round(turns*0x10000)) & int32(0xffff)

    @portable
    def amplitude_to_asf(self, amplitude: TFloat) -> TInt32:
        """The amplitude scale factor of ``amplitude`` (0 to 1)."""
        code = int32(round(amplitude*ASF_MAX))
        if code < 0 or code > ASF_MAX:
            raise ValueError("Invalid AD99xx amplitude")
        return code

    @kernel
    def write(self, addr: TInt32, data: TInt32):
        """Writes a 16-bit register."""
        self.bus.set_config_mu(SPI_CONFIG, 24, self.div, self.chip_select)
        self.bus.write((addr << 24) | ((data & 0xffff) << 8))

    @kernel
    def io_update_pulse(self):
        """Pulses IO_UPDATE: the written values take effect."""
        self.io_update.pulse_mu(int64(8))

    @kernel
    def init(self):
        """Resets the chip and enables its amplitude scaling."""
        self.write(AD99XX_REG_CFR, AD99XX_CFR_RESET)
        delay(1*us)
        self.write(AD99XX_REG_CFR, AD99XX_CFR_SDIO_INPUT | AD99XX_CFR_OSK_ENABLE)
        self.io_update_pulse()
        delay(1*us)

    @kernel
    def set_mu(self, ftw: TInt64, pow_: TInt32 = 0, asf: TInt32 = ASF_MAX):
        """Sets the tuning word, phase offset and amplitude scale factor;
        they take effect together at the IO_UPDATE pulse that ends it."""
        self.write(AD99XX_REG_FTW_HI, int32(ftw >> 16))
        self.write(AD99XX_REG_FTW_LO, int32(ftw))
        self.write(AD99XX_REG_POW, pow_)
        self.write(AD99XX_REG_ASF, asf)
        self.io_update_pulse()

    @kernel
    def set(self, frequency: TFloat, phase: TFloat = 0.0,
            amplitude: TFloat = 1.0):
        """Sets frequency (Hz), phase (turns) and amplitude (0 to 1)."""
        self.set_mu(self.frequency_to_ftw(frequency),
                    self.turns_to_pow(phase),
                    self.amplitude_to_asf(amplitude))

    def __repr__(self):
        return "<AD99xx on cs {} of {}>".format(self.chip_select, self.bus)
