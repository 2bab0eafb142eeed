"""Driver for an AD9910-like DDS channel on the Urukul-like board of
urukul.py (written for rules_artiq's examples in ARTIQ's legacy style; not
ARTIQ's driver).

The DDS has 32-bit registers (64-bit profile registers) written over the
board's SPI bus: an 8-bit instruction (the address, bit 7 set to read),
then the data. Written values take effect at the next IO_UPDATE pulse. Its
system clock is the board's reference clock divided by 4 and multiplied by
the PLL's ``pll_n``.
"""

from numpy import int32, int64

from artiq.language.core import kernel, portable, delay, delay_mu, now_mu, at_mu
from artiq.language.units import us, ms

from artiq.coredevice import spi2 as spi
from artiq.coredevice import urukul
# Another name for a kernel function of another driver module (ARTIQ's
# drivers bind names this way).
pll_locked = urukul.sta_pll_lock


REG_CFR1 = 0x00
REG_CFR3 = 0x02
REG_AUX_DAC = 0x03
REG_PROFILE0 = 0x0e
REG_RAM = 0x16

# What the AUX_DAC register reads after reset: the chip is there.
AUX_DAC_RESET = 0x7f

READ = 0x80

# Phase modes of set_mu.
_PHASE_MODE_DEFAULT = -1
PHASE_MODE_CONTINUOUS = 0
PHASE_MODE_ABSOLUTE = 1


class AD9910:
    """One DDS channel of the board.

    :param chip_select: its chip select on the CPLD (4 to 7).
    :param cpld_device: the board's CPLD.
    :param sw_device: the TTLOut on its RF switch (optional: then
        ``self.sw`` exists).
    :param pll_n: the PLL multiplier.
    """
    kernel_invariants = {"core", "cpld", "bus", "chip_select", "ftw_per_hz",
                         "sysclk_per_mu"}

    def __init__(self, dmgr, chip_select, cpld_device, sw_device=None,
                 pll_n=40, io_update_delay=0):
        self.cpld = dmgr.get(cpld_device)
        self.core = self.cpld.core
        self.bus = self.cpld.bus
        assert urukul.CS_DDS_CH0 <= chip_select <= urukul.CS_DDS_CH0 + 3
        self.chip_select = chip_select
        if sw_device:
            self.sw = dmgr.get(sw_device)
            # The class's set: every channel with a switch shares it.
            self.kernel_invariants.add("sw")
        self.pll_n = pll_n
        sysclk = self.cpld.refclk/4*pll_n
        assert sysclk <= 1e9
        self.sysclk = sysclk
        self.ftw_per_hz = float(1 << 32)/sysclk
        self.sysclk_per_mu = int(round(sysclk*self.core.ref_period))
        # A plain int that kernels use as machine units (an int64).
        self.io_update_delay = io_update_delay
        self.phase_mode = PHASE_MODE_CONTINUOUS

    @kernel
    def write32(self, addr, data):
        self.bus.set_config_mu(urukul.SPI_CONFIG, 8, urukul.DIV_WRITE, self.chip_select)
        self.bus.write(addr << 24)
        self.bus.set_config_mu(urukul.SPI_CONFIG | spi.SPI_END, 32,
                               urukul.DIV_WRITE, self.chip_select)
        self.bus.write(data)

    @kernel
    def read32(self, addr):
        self.bus.set_config_mu(urukul.SPI_CONFIG, 8, urukul.DIV_WRITE, self.chip_select)
        self.bus.write((addr | READ) << 24)
        self.bus.set_config_mu(urukul.SPI_CONFIG | spi.SPI_END | spi.SPI_INPUT, 32,
                               urukul.DIV_READ, self.chip_select)
        self.bus.write(0)
        return self.bus.read()

    @kernel
    def write64(self, addr, hi, lo):
        self.bus.set_config_mu(urukul.SPI_CONFIG, 8, urukul.DIV_WRITE, self.chip_select)
        self.bus.write(addr << 24)
        self.bus.set_config_mu(urukul.SPI_CONFIG, 32, urukul.DIV_WRITE, self.chip_select)
        self.bus.write(hi)
        self.bus.set_config_mu(urukul.SPI_CONFIG | spi.SPI_END, 32,
                               urukul.DIV_WRITE, self.chip_select)
        self.bus.write(lo)

    @kernel
    def init(self, blind=False):
        """Checks that the chip answers (unless ``blind``), starts its PLL
        and waits for the CPLD to report it locked."""
        delay(1*ms)
        self.write32(REG_CFR1, 2)  # SDIO as input only
        self.cpld.io_update.pulse_mu(8)
        if not blind:
            if self.read32(REG_AUX_DAC) & 0xff != AUX_DAC_RESET:
                raise ValueError("the DDS does not answer")
            delay(20*us)
        self.write32(REG_CFR3, (self.pll_n << 1) | (1 << 8))
        self.cpld.io_update.pulse_mu(8)
        if blind:
            delay(100*ms)
            return
        for i in range(100):
            lock = pll_locked(self.cpld.sta_read())
            delay(1*ms)
            if lock & (1 << (self.chip_select - urukul.CS_DDS_CH0)):
                return
        raise ValueError("the DDS PLL does not lock")

    @kernel
    def set_mu(self, ftw, pow_=0, asf=0x3fff, phase_mode=_PHASE_MODE_DEFAULT,
               ref_time_mu=int64(-1), profile=0):
        """Writes a profile's tuning word, phase offset and amplitude; they
        take effect at the IO_UPDATE pulse. Returns the phase offset word
        written (shifted by the time since ``ref_time_mu`` in absolute
        phase mode)."""
        if phase_mode == _PHASE_MODE_DEFAULT:
            phase_mode = self.phase_mode
        at_mu(now_mu() & ~7)
        if phase_mode == PHASE_MODE_ABSOLUTE and ref_time_mu >= 0:
            dt = int32(now_mu() - ref_time_mu)
            pow_ += (dt*ftw*self.sysclk_per_mu) >> 16
        self.write64(REG_PROFILE0 + profile, (asf << 16) | (pow_ & 0xffff), ftw)
        delay_mu(self.io_update_delay)
        self.cpld.io_update.pulse_mu(8)
        return pow_

    @portable(flags={"fast-math"})
    def frequency_to_ftw(self, frequency):
        return int32(round(self.ftw_per_hz*frequency))

    @portable(flags={"fast-math"})
    def turns_to_pow(self, turns):
        return int32(round(turns*0x10000)) & 0xffff

    @portable(flags={"fast-math"})
    def pow_to_turns(self, pow_):
        return pow_/0x10000

    @portable(flags={"fast-math"})
    def amplitude_to_asf(self, amplitude):
        return int32(round(amplitude*0x3fff))

    @kernel
    def set(self, frequency, phase=0.0, amplitude=1.0,
            phase_mode=_PHASE_MODE_DEFAULT, ref_time_mu=int64(-1), profile=0):
        """Like set_mu, in Hz, turns and fractions of full scale; returns
        the phase in turns."""
        return self.pow_to_turns(self.set_mu(
            self.frequency_to_ftw(frequency), self.turns_to_pow(phase),
            self.amplitude_to_asf(amplitude), phase_mode, ref_time_mu, profile))

    @kernel
    def set_att(self, att):
        """Sets this channel's attenuation (dB)."""
        self.cpld.set_att(self.chip_select - urukul.CS_DDS_CH0, att)

    @kernel
    def cfg_sw(self, state):
        """Sets this channel's RF switch bit in the CPLD."""
        self.cpld.cfg_sw(self.chip_select - urukul.CS_DDS_CH0, state)

    @kernel
    def write_ram(self, data):
        """Writes ``data`` (a list of 32-bit words) to the RAM."""
        self.bus.set_config_mu(urukul.SPI_CONFIG, 8, urukul.DIV_WRITE, self.chip_select)
        self.bus.write(REG_RAM << 24)
        self.bus.set_config_mu(urukul.SPI_CONFIG, 32, urukul.DIV_WRITE, self.chip_select)
        for i in range(len(data) - 1):
            self.bus.write(data[i])
        self.bus.set_config_mu(urukul.SPI_CONFIG | spi.SPI_END, 32,
                               urukul.DIV_WRITE, self.chip_select)
        self.bus.write(data[len(data) - 1])

    @portable(flags={"fast-math"})
    def amplitude_to_ram(self, amplitude, ram):
        """Fills ``ram`` with the RAM words of the amplitudes."""
        for i in range(len(ram)):
            ram[i] = self.amplitude_to_asf(amplitude[i]) << 18
