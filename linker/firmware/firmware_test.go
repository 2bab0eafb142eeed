package firmware

import (
	"debug/elf"
	"testing"
)

func TestExceptions(t *testing.T) {
	ex := Exceptions()
	if len(ex) != 23 {
		t.Fatalf("%d exceptions, want the firmware's 23", len(ex))
	}
	for i, e := range ex {
		if e.ID != i {
			t.Errorf("%s has id %d at index %d", e.Name, e.ID, i)
		}
	}
	if ex[1].Name != "RTIOUnderflow" || ex[20].Name != "ZeroDivisionError" || ex[22].Name != "UnwrapNoneError" {
		t.Errorf("order differs from the firmware's: %v", ex)
	}
	seen := map[string]bool{}
	for _, e := range ex {
		if seen[e.Python] {
			t.Errorf("host class %s appears twice", e.Python)
		}
		seen[e.Python] = true
	}
}

func TestExportsFor(t *testing.T) {
	if !ExportsFor(elf.EM_RISCV, "rtio_output") || !ExportsFor(elf.EM_ARM, "rtio_output") {
		t.Errorf("rtio_output not exported")
	}
	if ExportsFor(elf.EM_RISCV, "__aeabi_uldivmod") || !ExportsFor(elf.EM_ARM, "__aeabi_uldivmod") {
		t.Errorf("ARM helpers must be exported on ARM only")
	}
	if ExportsFor(elf.EM_RISCV, "printf") {
		t.Errorf("printf exported")
	}
}
