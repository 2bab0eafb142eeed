// Package target describes the core-device CPUs that kernels are compiled
// for. A Target is pure data: the compiler uses it to pick the LLVM triple
// and features, the linker to check the ELF header, the simulator to know
// where the RTIO time register lives.
package target

import (
	"fmt"
	"sort"
	"strings"
)

// Target is one core-device CPU configuration.
type Target struct {
	// Name is the short name used on command lines and in Bazel
	// (rv32g, rv32ima, cortexa9).
	Name string
	// Triple is the LLVM target triple.
	Triple string
	// CPU is passed to llc as -mcpu ("" means the triple's default).
	CPU string
	// Features is the llc -mattr list, e.g. "+m,+a,+f,+d".
	Features string
	// ABI is passed to llc as -target-abi ("" means the default).
	ABI string
	// DataLayout is the LLVM data layout string of the module.
	DataLayout string
	// Machine is the ELF e_machine value the firmware accepts.
	Machine uint16
	// ELFFlags is the exact e_flags value of the device ELF.
	ELFFlags uint32
	// NowInMemory is true when `now` is a data symbol (RISC-V) and false
	// when kernels call imported now_mu/at_mu/delay_mu (Cortex-A9).
	NowInMemory bool
	// NowLoOffset is the byte offset of the low word of the RTIO time
	// register from the `now` symbol; the high word is at offset 0.
	NowLoOffset int
}

const (
	emRISCV = 243
	emARM   = 40
)

var all = map[string]*Target{
	"rv32g": {
		Name:        "rv32g",
		Triple:      "riscv32-unknown-linux",
		Features:    "+m,+a,+f,+d",
		ABI:         "ilp32d",
		DataLayout:  "e-m:e-p:32:32-i64:64-n32-S128",
		Machine:     emRISCV,
		ELFFlags:    0x4, // EF_RISCV_FLOAT_ABI_DOUBLE
		NowInMemory: true,
		NowLoOffset: 8,
	},
	"rv32ima": {
		Name:        "rv32ima",
		Triple:      "riscv32-unknown-linux",
		Features:    "+m,+a",
		ABI:         "ilp32",
		DataLayout:  "e-m:e-p:32:32-i64:64-n32-S128",
		Machine:     emRISCV,
		ELFFlags:    0x0,
		NowInMemory: true,
		NowLoOffset: 4,
	},
	"cortexa9": {
		Name:        "cortexa9",
		Triple:      "armv7-unknown-linux-gnueabihf",
		CPU:         "cortex-a9",
		Features:    "+dsp,+fp16,+neon,+vfp3",
		DataLayout:  "e-m:e-p:32:32-i64:64-v128:64:128-a:0:32-n32-S64",
		Machine:     emARM,
		ELFFlags:    0x05000400, // EABI5, hard-float
		NowInMemory: false,
	},
}

// Default is the target used when none is given: Kasli v2.
const Default = "rv32g"

// Lookup returns the named target or an error listing the known ones.
func Lookup(name string) (*Target, error) {
	if t, ok := all[name]; ok {
		return t, nil
	}
	return nil, fmt.Errorf("unknown target %q (known: %s)", name, strings.Join(Names(), ", "))
}

// Names lists the known target names in sorted order.
func Names() []string {
	var names []string
	for n := range all {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// LLCArgs are the llc flags that select this target.
func (t *Target) LLCArgs() []string {
	args := []string{"-mtriple=" + t.Triple}
	if t.CPU != "" {
		args = append(args, "-mcpu="+t.CPU)
	}
	if t.Features != "" {
		args = append(args, "-mattr="+t.Features)
	}
	if t.ABI != "" {
		args = append(args, "-target-abi="+t.ABI)
	}
	return args
}
