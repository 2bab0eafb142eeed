// Package firmware holds the names that the ARTIQ core-device firmware
// exports to kernels. The firmware resolves every undefined symbol of a
// device ELF by name against this table; a name that is not here fails the
// load on real hardware, so the linker rejects it at build time.
package firmware

import "sort"

// exports is the firmware's export table (see BRIEF section 4a).
var exports = []string{
	// compiler-rt / libgcc integer helpers
	"__divsi3", "__modsi3", "__udivsi3", "__umodsi3", "__mulsi3",
	"__divdi3", "__udivdi3", "__moddi3", "__umoddi3", "__muldi3",
	"__ashldi3", "__ashrdi3", "__lshrdi3", "__negdi2", "__cmpdi2", "__ucmpdi2",
	"__clzsi2", "__ctzsi2", "__clzdi2", "__ctzdi2", "__popcountsi2", "__popcountdi2",
	"__udivmoddi4", "__divmoddi4",
	// soft-float helpers (used on rv32ima)
	"__adddf3", "__subdf3", "__muldf3", "__divdf3", "__negdf2",
	"__eqdf2", "__nedf2", "__ltdf2", "__ledf2", "__gtdf2", "__gedf2", "__unorddf2",
	"__fixdfsi", "__fixdfdi", "__fixunsdfsi", "__fixunsdfdi",
	"__floatsidf", "__floatdidf", "__floatunsidf", "__floatundidf",
	"__addsf3", "__subsf3", "__mulsf3", "__divsf3",
	"__extendsfdf2", "__truncdfsf2",
	"__powidf2",
	// memory and strings
	"memcpy", "memmove", "memset", "memcmp", "bcmp", "strlen",
	// libm
	"sqrt", "sin", "cos", "tan", "asin", "acos", "atan", "atan2",
	"sinh", "cosh", "tanh", "asinh", "acosh", "atanh",
	"exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "pow",
	"floor", "ceil", "round", "rint", "trunc", "fabs", "fmod", "hypot",
	"copysign", "fmin", "fmax", "cbrt", "erf", "erfc", "tgamma", "lgamma",
	"j0", "j1", "y0", "y1", "nextafter",
	// exceptions
	"__artiq_personality", "__artiq_raise", "__artiq_resume", "__artiq_end_catch",
	"_Unwind_Resume",
	// logging and time
	"core_log", "now", "now_mu", "at_mu", "delay_mu",
	// RPC and cache
	"rpc_send", "rpc_send_async", "rpc_recv", "cache_get", "cache_put",
	// RTIO
	"rtio_init", "rtio_get_destination_status", "rtio_get_counter", "rtio_log",
	"rtio_output", "rtio_output_wide", "rtio_input_timestamp", "rtio_input_data",
	"rtio_input_timestamped_data",
	// DMA
	"dma_record_start", "dma_record_stop", "dma_erase", "dma_retrieve", "dma_playback",
	// subkernels
	"subkernel_load_run", "subkernel_await_finish", "subkernel_send_message",
	"subkernel_await_message",
	// buses
	"i2c_start", "i2c_restart", "i2c_stop", "i2c_write", "i2c_read", "i2c_switch_select",
	"spi_set_config", "spi_write", "spi_read",
}

var set = func() map[string]bool {
	m := make(map[string]bool, len(exports))
	for _, n := range exports {
		m[n] = true
	}
	return m
}()

// Exports reports whether the firmware exports name.
func Exports(name string) bool { return set[name] }

// Names returns the export table in sorted order.
func Names() []string {
	out := append([]string(nil), exports...)
	sort.Strings(out)
	return out
}
