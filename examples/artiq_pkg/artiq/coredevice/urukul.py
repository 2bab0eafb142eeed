"""Driver for the CPLD of an Urukul-like four-channel DDS board (written
for rules_artiq's examples in ARTIQ's legacy style; not ARTIQ's driver).

The CPLD sits on an SPI bus and decodes its chip selects: 1 addresses the
CPLD's own 24-bit configuration register (a write) and status register
(read back during the same transfer), 2 the four 8-bit attenuators, 4 to 7
the DDS channels. The configuration register holds the four RF switches,
the profile pins, the IO_UPDATE line and the DDS I/O reset; the status
register the RF switches, one PLL-lock bit per channel and the CPLD's
protocol revision.

As the newer drivers of ARTIQ's legacy compiler do, what depends on the
CPLD's protocol revision lives in a helper object that the constructor
makes (``CPLD.version``, a ``ProtoRev8``): class constants for the
register fields, a ``@staticmethod @portable`` that builds the register
value (called by host code and by kernels), ``@abstractmethod`` kernel
methods that take the CPLD as a parameter, and a 64-bit configuration
register.
"""

from abc import abstractmethod

from numpy import int32, int64

from artiq.language.core import kernel, portable, delay, delay_mu
from artiq.language.types import TInt32, TInt64
from artiq.language.units import us, ms

from artiq.coredevice import spi2 as spi


# Chip select decoded by the CPLD, not one-hot.
SPI_CONFIG = 1*spi.SPI_CS_POLARITY | 0*spi.SPI_LSB_FIRST | 0*spi.SPI_CLK_PHASE

CS_CFG = 1
CS_ATT = 2
CS_DDS_CH0 = 4

# SPI clock dividers: writes run fast, read-backs slowly.
DIV_WRITE = 2
DIV_READ = 16
DIV_ATT = 6

# Configuration register fields common to all protocol revisions (the
# others are the revision's: ProtoRev8.CFG_IO_UPDATE, ...).
CFG_RF_SW = 0
CFG_PROFILE = 8

# Status register fields.
STA_RF_SW = 0
STA_PLL_LOCK = 8
STA_PROTO_REV = 16

# The protocol revisions this driver speaks.
STA_PROTO_REV_8 = 0x08

# Attenuators: 8-bit codes, 0.125 dB per step, 255 is no attenuation.
ATT_CODE_MAX = 255
ATT_STEPS_PER_DB = 8


@portable
def sta_pll_lock(sta):
    """The PLL-lock bits (one per channel) of a status register value."""
    return (sta >> STA_PLL_LOCK) & 0xf


@portable
def sta_proto_rev(sta):
    """The protocol revision in a status register value."""
    return (sta >> STA_PROTO_REV) & 0x7f


class _Protocol:
    """What differs between the CPLD's protocol revisions: the kernel
    methods take the CPLD as their first parameter."""

    @abstractmethod
    @kernel
    def cfg_write(self, cpld, cfg):
        pass

    @abstractmethod
    @kernel
    def sta_read(self, cpld):
        pass

    def _unsupported(self, what):
        raise NotImplementedError(what + " is not supported by this CPLD revision")

    @kernel
    def cfg_mask_nu(self, cpld, channel: TInt32):
        self._unsupported("cfg_mask_nu")


class ProtoRev8(_Protocol):
    """Protocol revision 8: a 24-bit configuration register."""

    CFG_IO_UPDATE = 12
    CFG_CLK_SEL = 17
    CFG_IO_RST = 20
    PROTO_REV = STA_PROTO_REV_8

    @staticmethod
    @portable
    def cfg_word(rf_sw, profile, io_update, io_rst, clk_sel):
        """The configuration register value of these fields."""
        return ((rf_sw << CFG_RF_SW) | (profile << CFG_PROFILE) |
                (io_update << ProtoRev8.CFG_IO_UPDATE) |
                (io_rst << ProtoRev8.CFG_IO_RST) |
                ((clk_sel & 3) << ProtoRev8.CFG_CLK_SEL))

    @kernel
    def cfg_write(self, cpld, cfg: TInt64):
        cpld.bus.set_config_mu(SPI_CONFIG | spi.SPI_END, 24, DIV_WRITE, CS_CFG)
        cpld.bus.write(cfg << 8)
        cpld.cfg_reg = cfg

    @kernel
    def sta_read(self, cpld) -> TInt32:
        cpld.bus.set_config_mu(SPI_CONFIG | spi.SPI_END | spi.SPI_INPUT, 24,
                               DIV_READ, CS_CFG)
        cpld.bus.write(cpld.cfg_reg << 8)
        return cpld.bus.read()


class _CfgIOUpdate:
    """IO_UPDATE through the configuration register, for a board whose
    IO_UPDATE line has no TTL of its own. Not a device: the CPLD makes it."""

    def __init__(self, cpld):
        self.cpld = cpld

    @kernel
    def pulse_mu(self, duration):
        cfg = self.cpld.cfg_reg
        self.cpld.cfg_write(cfg | (int64(1) << ProtoRev8.CFG_IO_UPDATE))
        delay_mu(duration)
        self.cpld.cfg_write(cfg)


class CPLD:
    """The board's CPLD.

    :param spi_device: the SPIMaster of the board's bus.
    :param io_update_device: the TTLOut on the IO_UPDATE line (None: pulse
        it through the configuration register).
    :param refclk: the reference clock (Hz) of the DDS PLLs.
    :param clk_sel: the reference clock source (0 to 3).
    :param rf_sw: the initial RF switch bits.
    :param att: the initial attenuator register (four 8-bit codes).
    :param proto_rev: the CPLD's protocol revision (8).
    """
    kernel_invariants = {"core", "bus", "io_update", "refclk", "version"}

    def __init__(self, dmgr, spi_device, io_update_device=None,
                 dds_reset_device=None, refclk=125e6, clk_sel=0, rf_sw=0,
                 att=0x00000000, proto_rev=STA_PROTO_REV_8, core_device="core"):
        self.core = dmgr.get(core_device)
        self.bus = dmgr.get(spi_device)
        if io_update_device is not None:
            self.io_update = dmgr.get(io_update_device)
        else:
            self.io_update = _CfgIOUpdate(self)
        self.refclk = refclk
        assert 0 <= clk_sel <= 3
        if proto_rev != STA_PROTO_REV_8:
            raise ValueError("unsupported CPLD protocol revision")
        self.version = ProtoRev8()
        self.cfg_reg = int64(ProtoRev8.cfg_word(rf_sw=rf_sw, profile=0, io_update=0,
                                                io_rst=0, clk_sel=clk_sel))
        # Four 8-bit codes: an int that may not fit an int32 as written.
        self.att_reg = int32(int64(att))

    @kernel
    def cfg_write(self, cfg):
        """Writes the configuration register."""
        self.version.cfg_write(self, int64(cfg))

    @kernel
    def sta_read(self):
        """Reads the status register (rewriting the configuration)."""
        return self.version.sta_read(self)

    @kernel
    def init(self, blind=False):
        """Resets the DDS I/O interfaces and, unless ``blind``, checks that
        the CPLD speaks this driver's protocol."""
        cfg = self.cfg_reg
        self.cfg_reg = cfg | (1 << ProtoRev8.CFG_IO_RST)
        if blind:
            self.cfg_write(self.cfg_reg)
        elif sta_proto_rev(self.sta_read()) != self.version.PROTO_REV:
            raise ValueError("unsupported CPLD protocol revision {}",
                             sta_proto_rev(self.sta_read()))
        delay(50*us)
        self.cfg_write(cfg)
        delay(1*ms)

    @kernel
    def cfg_mask_nu(self, channel: TInt32):
        """Masks a channel's IO_UPDATE (not in revision 8: the host raises
        NotImplementedError into the kernel)."""
        self.version.cfg_mask_nu(self, channel)

    @kernel
    def cfg_sw(self, channel, on):
        """Sets one RF switch bit of the configuration register."""
        c = self.cfg_reg
        if on:
            c |= 1 << channel
        else:
            c &= ~(1 << channel)
        self.cfg_write(c)

    @kernel
    def set_profile(self, profile):
        """Sets the profile pins (0 to 7) of all four channels."""
        self.cfg_write((self.cfg_reg & ~(7 << CFG_PROFILE)) |
                       ((profile & 7) << CFG_PROFILE))

    @kernel
    def set_all_att_mu(self, att_reg):
        """Writes the four attenuator codes."""
        self.bus.set_config_mu(SPI_CONFIG | spi.SPI_END, 32, DIV_ATT, CS_ATT)
        self.bus.write(att_reg)
        self.att_reg = att_reg

    @kernel
    def set_att_mu(self, channel, att):
        """Sets one channel's attenuator code, keeping the others."""
        shift = 8*channel
        self.set_all_att_mu((self.att_reg & ~(0xff << shift)) | (att << shift))

    @kernel
    def set_att(self, channel, att):
        """Sets one channel's attenuation in dB (0 to 31.875)."""
        self.set_att_mu(channel, ATT_CODE_MAX - int32(round(att*ATT_STEPS_PER_DB)))
