package syntax

import (
	"fmt"
	"strings"
	"testing"
)

// benchModule generates a kernel module of about 150 lines in the style
// of ARTIQ experiments: classes, decorated kernels, loops, arithmetic.
func benchModule() []byte {
	var b strings.Builder
	b.WriteString("from artiq.experiment import *\n\n")
	b.WriteString("@syscall(flags={\"nounwind\"})\ndef rtio_output(target: TInt32, data: TInt32) -> TNone:\n    raise NotImplementedError(\"syscall\")\n\n")
	for c := 0; c < 4; c++ {
		fmt.Fprintf(&b, "class Exp%d(EnvExperiment):\n", c)
		b.WriteString("    kernel_invariants = {\"period_mu\", \"n\"}\n\n")
		b.WriteString("    def build(self):\n        self.setattr_device(\"core\")\n        self.period_mu = 1000\n\n")
		for m := 0; m < 3; m++ {
			fmt.Fprintf(&b, "    @kernel\n    def step%d(self, channel: int32, duration_mu: int64 = 100) -> int32:\n", m)
			b.WriteString("        acc = 0\n")
			b.WriteString("        for i in range(self.n):\n")
			b.WriteString("            with parallel:\n")
			b.WriteString("                rtio_output((channel << 8) | i, 1)\n")
			b.WriteString("                delay_mu(duration_mu // 2 + i * 3)\n")
			b.WriteString("            if i % 2 == 0 and not acc > 10 or i in [1, 2, 3]:\n")
			b.WriteString("                acc += -i ** 2 + self.table[i:i + 2][0]\n")
			b.WriteString("            elif acc >= 100:\n                break\n")
			b.WriteString("        assert acc != 0, \"no pulses\"\n")
			b.WriteString("        return acc\n\n")
		}
	}
	return []byte(b.String())
}

func BenchmarkParse(b *testing.B) {
	src := benchModule()
	if _, errs := Parse("bench.py", src); len(errs) > 0 {
		b.Fatal(errs)
	}
	b.ReportMetric(float64(strings.Count(string(src), "\n")), "lines")
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Parse("bench.py", src)
	}
}
