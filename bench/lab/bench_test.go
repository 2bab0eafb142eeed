package lab

import (
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rules-artiq/rules_artiq/compiler/driver"
	"github.com/rules-artiq/rules_artiq/compiler/target"
)

// Benchmarks of the compiler's front end on generated modules, for CPU
// profiles (docs/benchmarks.md):
//
//	go test ./bench/lab -run XXX -bench Frontend -cpuprofile cpu.out
//	go tool pprof -top bench/lab/lab.test cpu.out

// frontendSetup generates a 100-module lab, compiles it, and returns the
// 150-line experiment with every interface of the lab.
func frontendSetup(b *testing.B) (*Lab, *target.Target, map[string][]byte) {
	b.Helper()
	tgt, err := target.Lookup(target.Default)
	if err != nil {
		b.Fatal(err)
	}
	l, err := Generate(SizeConfig(1, 100))
	if err != nil {
		b.Fatal(err)
	}
	ifaces, err := compileLab(l, tgt)
	if err != nil {
		b.Fatal(err)
	}
	return l, tgt, ifaces
}

// frontend runs the front end b.N times. Besides ns/op (wall time, which
// a loaded machine inflates), it reports cpu-ns/op: the process's user and
// system time per run (getrusage), which load does not change much.
func frontend(b *testing.B, file, module string, src []byte, ifaces map[string][]byte, tgt *target.Target) {
	b.Helper()
	before := cpuTime()
	for i := 0; i < b.N; i++ {
		if _, err := driver.Frontend(&driver.Unit{File: file, Source: src, Module: module, Imports: ifaces, Target: tgt}, true); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-before)/float64(b.N), "cpu-ns/op")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkFrontend150 is parse, resolve, infer and lower of the
// experiment closest to 150 lines.
func BenchmarkFrontend150(b *testing.B) {
	l, tgt, ifaces := frontendSetup(b)
	p := l.Manifest.Phase
	b.ResetTimer()
	frontend(b, p.File, p.Module, l.Files[p.File], ifaces, tgt)
}

// BenchmarkFrontendLines compiles one module made of 1, 4 and 16 copies
// (and 64) of the 150-line experiment's stage functions: does the front end grow
// linearly with a module's length?
func BenchmarkFrontendLines(b *testing.B) {
	l, tgt, ifaces := frontendSetup(b)
	p := l.Manifest.Phase
	src := string(l.Files[p.File])
	start := strings.Index(src, "@kernel\ndef stage_")
	end := strings.Index(src, "@kernel\ndef run()")
	if start < 0 || end < start {
		b.Fatal("no stage functions")
	}
	stages := src[start:end]
	for _, copies := range []int{1, 4, 16, 64} {
		var body strings.Builder
		body.WriteString(src[:start])
		for c := 0; c < copies; c++ {
			body.WriteString(strings.ReplaceAll(stages, "def stage_", fmt.Sprintf("def stage%d_", c)))
		}
		text := body.String()
		b.Run(fmt.Sprintf("lines=%d", strings.Count(text, "\n")), func(b *testing.B) {
			frontend(b, p.File, p.Module, []byte(text), ifaces, tgt)
		})
	}
}

// BenchmarkFrontendIfaces compiles the 150-line experiment with its own
// imports' interfaces plus n unrelated ones, as a compile action gets
// every transitive dependency's interface: does the cost of a compile
// grow with the number of interfaces it is given?
func BenchmarkFrontendIfaces(b *testing.B) {
	l, tgt, ifaces := frontendSetup(b)
	p := l.Manifest.Phase
	for _, n := range []int{0, 100, 1000} {
		given := map[string][]byte{}
		for m, data := range ifaces {
			given[m] = data
		}
		// Copies of lib.common's interface under other module names.
		common := string(ifaces["lib.common"])
		for i := 0; i < n; i++ {
			m := fmt.Sprintf("lib.extra_%04d", i)
			given[m] = []byte(strings.Replace(common, "module lib.common", "module "+m, 1))
		}
		b.Run(fmt.Sprintf("ifaces=%d", len(given)), func(b *testing.B) {
			frontend(b, p.File, p.Module, l.Files[p.File], given, tgt)
		})
	}
}
