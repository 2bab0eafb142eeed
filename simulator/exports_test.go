package simulator

import (
	"sort"
	"testing"

	"github.com/rules-artiq/rules_artiq/linker/firmware"
)

// The runtime may only offer what the firmware exports: a kernel that
// loads in the simulator must load on hardware.
func TestExportsAreFirmwareExports(t *testing.T) {
	names := RuntimeExports()
	if len(names) == 0 {
		t.Fatal("no EXPORT lines parsed from runtime/exports.def")
	}
	for _, n := range names {
		if !firmware.Exports(n) {
			t.Errorf("runtime exports %q, which linker/firmware does not list", n)
		}
	}
}

// The C lookup bisects the table in file order, so the file must be sorted
// by byte order without duplicates.
func TestExportsSortedAndUnique(t *testing.T) {
	data, err := runtimeFS.ReadFile("runtime/exports.def")
	if err != nil {
		t.Fatal(err)
	}
	var inFile []string
	for _, m := range exportLine.FindAllSubmatch(data, -1) {
		inFile = append(inFile, string(m[1]))
	}
	for i := 1; i < len(inFile); i++ {
		if inFile[i-1] >= inFile[i] {
			t.Errorf("exports.def out of order or duplicated: %q before %q", inFile[i-1], inFile[i])
		}
	}
}

func TestCoreExportsPresent(t *testing.T) {
	have := map[string]bool{}
	for _, n := range RuntimeExports() {
		have[n] = true
	}
	core := []string{
		"__divdi3", "__udivdi3", "__moddi3", "__umoddi3", "__muldi3", "__ashldi3",
		"__ashrdi3", "__lshrdi3", "__fixdfdi", "__floatdidf", "__powidf2",
		"__adddf3", "__subdf3", "__muldf3", "__divdf3",
		"memcpy", "memmove", "memset", "memcmp", "bcmp", "strlen",
		"sqrt", "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "exp", "log",
		"log10", "log2", "pow", "floor", "ceil", "round", "rint", "trunc", "fabs",
		"fmod", "hypot", "copysign",
		"now", "rtio_init", "rtio_get_counter", "rtio_output", "rtio_output_wide",
		"rtio_input_timestamp", "rtio_input_data", "rtio_log", "core_log",
		"__artiq_raise", "__artiq_personality", "__artiq_resume", "__artiq_end_catch",
		"_Unwind_Resume", "rpc_send", "rpc_send_async", "rpc_recv",
	}
	for _, n := range core {
		if !have[n] {
			t.Errorf("runtime does not export %s", n)
		}
	}
	// Names the firmware has and the simulator lacks are not errors (a
	// kernel using one fails to load, clearly), but worth seeing.
	var missing []string
	for _, n := range firmware.Names() {
		if !have[n] {
			missing = append(missing, n)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Logf("firmware exports not in the simulator: %v", missing)
	}
}
