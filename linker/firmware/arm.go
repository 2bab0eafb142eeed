package firmware

import "debug/elf"

// armExports are the ARM run-time ABI helpers that LLVM's ARM backend
// calls (Cortex-A9 has no integer divide, 64-bit conversions and the
// memory helpers go through __aeabi_*, and EHABI unwind tables name the
// personality routines). The Zynq firmware links compiler-rt and its
// unwinder, which define them; a RISC-V firmware has none of them.
var armExports = map[string]bool{
	"__aeabi_idiv": true, "__aeabi_uidiv": true, "__aeabi_idivmod": true, "__aeabi_uidivmod": true,
	"__aeabi_ldivmod": true, "__aeabi_uldivmod": true,
	"__aeabi_llsl": true, "__aeabi_llsr": true, "__aeabi_lasr": true, "__aeabi_lmul": true,
	"__aeabi_d2lz": true, "__aeabi_d2ulz": true, "__aeabi_f2lz": true, "__aeabi_f2ulz": true,
	"__aeabi_l2d": true, "__aeabi_ul2d": true, "__aeabi_l2f": true, "__aeabi_ul2f": true,
	"__aeabi_memcpy": true, "__aeabi_memcpy4": true, "__aeabi_memcpy8": true,
	"__aeabi_memmove": true, "__aeabi_memmove4": true, "__aeabi_memmove8": true,
	"__aeabi_memset": true, "__aeabi_memset4": true, "__aeabi_memset8": true,
	"__aeabi_memclr": true, "__aeabi_memclr4": true, "__aeabi_memclr8": true,
	"__aeabi_unwind_cpp_pr0": true, "__aeabi_unwind_cpp_pr1": true, "__aeabi_unwind_cpp_pr2": true,
}

// ExportsFor reports whether the firmware for CPUs of ELF machine m
// exports name: the common table plus the machine's own helpers.
func ExportsFor(m elf.Machine, name string) bool {
	return set[name] || m == elf.EM_ARM && armExports[name]
}
