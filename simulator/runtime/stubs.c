/* Firmware services the simulator does not provide yet. They are exported
 * so that a kernel that merely links them loads as it would on hardware;
 * calling one stops the run with a clear message (exit status 3). */
#include "rt.h"

#define UNSUPPORTED(name, what)                                                                \
  __attribute__((noreturn)) void name(void) {                                                 \
    rt_fail(#name " called: " what " not supported by the simulator yet");                  \
  }

UNSUPPORTED(cache_get, "the core device cache is")
UNSUPPORTED(cache_put, "the core device cache is")
UNSUPPORTED(dma_record_start, "DMA is")
UNSUPPORTED(dma_record_stop, "DMA is")
UNSUPPORTED(dma_erase, "DMA is")
UNSUPPORTED(dma_retrieve, "DMA is")
UNSUPPORTED(dma_playback, "DMA is")
UNSUPPORTED(subkernel_load_run, "subkernels are")
UNSUPPORTED(subkernel_await_finish, "subkernels are")
UNSUPPORTED(subkernel_send_message, "subkernels are")
UNSUPPORTED(subkernel_await_message, "subkernels are")
UNSUPPORTED(i2c_start, "I2C is")
UNSUPPORTED(i2c_restart, "I2C is")
UNSUPPORTED(i2c_stop, "I2C is")
UNSUPPORTED(i2c_write, "I2C is")
UNSUPPORTED(i2c_read, "I2C is")
UNSUPPORTED(i2c_switch_select, "I2C is")
UNSUPPORTED(spi_set_config, "SPI (the non-RTIO bus) is")
UNSUPPORTED(spi_write, "SPI (the non-RTIO bus) is")
UNSUPPORTED(spi_read, "SPI (the non-RTIO bus) is")
