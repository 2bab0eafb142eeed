package support

import (
	"bytes"
	"context"
	"debug/elf"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rules-artiq/rules_artiq/linker/firmware"
	"github.com/rules-artiq/rules_artiq/simulator"
)

// testDoubles returns bit patterns that cover every exponent (random bits),
// human-looking decimals, integers, powers, boundaries and the specials.
func testDoubles(n int) []uint64 {
	r := rand.New(rand.NewPCG(1, 2))
	fixed := []float64{
		0, math.Copysign(0, -1), 1, -1, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 1e16, 1e-5, 1e-4, 0.0001234,
		123456789012345.0, 1234567890123456.0, 12345678901234567.0, 1.2345678901234568e+16,
		5e-324, 1e-323, math.MaxFloat64, math.SmallestNonzeroFloat64, 2.2250738585072014e-308,
		2.225073858507201e-308, 1e22, 1e23, 9007199254740993, 9007199254740992, 1e15, 1e16 - 2,
		123.456, 100, 1e100, -2.5, 0.5, 1.5, 2.5, 1e21, 1e-7, 4.35, 0.000123, 1e300 * 10,
		math.Inf(1), math.Inf(-1), math.NaN(), math.Pi, math.E, 299792458.0, 6.62607015e-34,
	}
	var out []uint64
	for _, f := range fixed {
		out = append(out, math.Float64bits(f))
	}
	for len(out) < n {
		switch len(out) % 5 {
		case 0: // any bit pattern
			out = append(out, r.Uint64())
		case 1: // decimals of every magnitude
			out = append(out, math.Float64bits(r.Float64()*math.Pow(10, float64(r.IntN(61)-30))))
		case 2: // integers
			out = append(out, math.Float64bits(float64(r.Int64N(int64(math.Pow(10, float64(1+r.IntN(17))))))))
		case 3: // short decimals, like a parameter in an experiment
			d := float64(r.IntN(1_000_000)) / math.Pow(10, float64(r.IntN(9)))
			out = append(out, math.Float64bits(d))
		case 4: // powers of two and their neighbours (asymmetric gaps)
			p := uint64(1+r.IntN(2045)) << 52
			out = append(out, p+uint64(r.IntN(3))-1, p)
		}
	}
	return out[:n]
}

// pythonRepr runs python3's repr on the doubles.
func pythonRepr(t *testing.T, bits []uint64) []string {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not in PATH")
	}
	var in strings.Builder
	for _, b := range bits {
		fmt.Fprintf(&in, "%016x\n", b)
	}
	script := `import struct, sys
out = []
for line in sys.stdin:
    out.append(repr(struct.unpack('<d', struct.pack('<Q', int(line, 16)))[0]))
sys.stdout.write('\n'.join(out) + '\n')
`
	cmd := exec.Command(py, "-c", script)
	cmd.Stdin = strings.NewReader(in.String())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	return strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
}

func compare(t *testing.T, bits []uint64, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d lines, want %d", len(got), len(want))
	}
	bad := 0
	for i := range want {
		if got[i] != want[i] {
			if bad < 10 {
				t.Errorf("repr(%016x) = %q, want %q", bits[i], got[i], want[i])
			}
			bad++
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d values differ", bad, len(want))
	}
}

// The same C, compiled for the host, agrees with CPython on many doubles.
func TestFloatReprMatchesPython(t *testing.T) {
	cc, err := exec.LookPath("gcc")
	if err != nil {
		t.Skip("gcc not in PATH")
	}
	dir := t.TempDir()
	driver := `#include <stdio.h>
#include <stdint.h>
#include <string.h>
int32_t __kernel_float_repr(double x, char *buf);
int main(void) {
	char line[64], buf[64];
	while (fgets(line, sizeof line, stdin)) {
		unsigned long long u;
		double d;
		sscanf(line, "%llx", &u);
		memcpy(&d, &u, 8);
		memset(buf, 'X', sizeof buf);
		int n = __kernel_float_repr(d, buf);
		if (n < 0 || n >= 32 || buf[n] != 0 || (int)strlen(buf) != n) printf("BAD LENGTH %d\n", n);
		else printf("%s\n", buf);
	}
	return 0;
}
`
	os.WriteFile(filepath.Join(dir, "main.c"), []byte(driver), 0o644)
	for _, name := range []string{"float_repr.c", "bignum.h"} {
		src, _ := srcFS.ReadFile("src/" + name)
		os.WriteFile(filepath.Join(dir, name), src, 0o644)
	}
	bin := filepath.Join(dir, "repr")
	if out, err := exec.Command(cc, "-O2", "-Wall", "-Wextra", "-Werror", "-o", bin,
		filepath.Join(dir, "main.c"), filepath.Join(dir, "float_repr.c")).CombinedOutput(); err != nil {
		t.Fatalf("gcc: %v\n%s", err, out)
	}
	n := 200000
	if testing.Short() {
		n = 5000
	}
	bits := testDoubles(n)
	var in strings.Builder
	for _, b := range bits {
		fmt.Fprintf(&in, "%016x\n", b)
	}
	cmd := exec.Command(bin)
	cmd.Stdin = strings.NewReader(in.String())
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	compare(t, bits, got, pythonRepr(t, bits))
}

type tools struct {
	Tools
	lld string
}

func needTools(t *testing.T) tools {
	t.Helper()
	var tl tools
	var err error
	for _, x := range []struct {
		dst  *string
		name string
	}{{&tl.Clang, "clang-14"}, {&tl.lld, "ld.lld-14"}} {
		if *x.dst, err = exec.LookPath(x.name); err != nil {
			t.Skipf("%s not in PATH", x.name)
		}
	}
	return tl
}

// arMembers splits a System V archive into its members (the symbol index
// "/" and the name table "//" excluded).
func arMembers(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("!<arch>\n")) {
		t.Fatal("not an ar archive")
	}
	out := map[string][]byte{}
	for p := data[8:]; len(p) >= 60; {
		name := strings.TrimRight(string(p[:16]), " ")
		size, err := strconv.Atoi(strings.TrimSpace(string(p[48:58])))
		if err != nil || 60+size > len(p) {
			t.Fatalf("bad archive member header %q", p[:60])
		}
		if mtime := strings.TrimSpace(string(p[16:28])); mtime != "0" {
			t.Errorf("member %s has timestamp %s, want 0", name, mtime)
		}
		if name != "/" && name != "//" {
			out[strings.TrimSuffix(name, "/")] = p[60 : 60+size]
		}
		p = p[60+size:]
		if size%2 == 1 && len(p) > 0 {
			p = p[1:]
		}
	}
	return out
}

func TestBuildDeterministicFirmwareImportsOnly(t *testing.T) {
	tl := needTools(t)
	for _, target := range Targets() {
		t.Run(target, func(t *testing.T) {
			var archives [][]byte
			for i := 0; i < 2; i++ {
				out := filepath.Join(t.TempDir(), fmt.Sprint("run", i), "libkernelsupport.a")
				os.MkdirAll(filepath.Dir(out), 0o755)
				if err := Build(context.Background(), tl.Tools, target, out); err != nil {
					t.Fatal(err)
				}
				data, _ := os.ReadFile(out)
				archives = append(archives, data)
			}
			if !bytes.Equal(archives[0], archives[1]) {
				t.Fatal("two builds differ")
			}
			if bytes.Contains(archives[0], []byte(os.TempDir()+"/")) {
				t.Error("archive contains a temporary path")
			}
			// Members may use each other's symbols (__kernel_alloc); anything
			// else must be a firmware export.
			members := arMembers(t, archives[0])
			defined := map[string]bool{}
			for name, obj := range members {
				f, err := elf.NewFile(bytes.NewReader(obj))
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				syms, err := f.Symbols()
				if err != nil {
					t.Fatal(err)
				}
				for _, s := range syms {
					if s.Section != elf.SHN_UNDEF && elf.ST_BIND(s.Info) == elf.STB_GLOBAL {
						defined[s.Name] = true
					}
				}
			}
			for name, obj := range members {
				f, err := elf.NewFile(bytes.NewReader(obj))
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				syms, err := f.Symbols()
				if err != nil {
					t.Fatal(err)
				}
				for _, s := range syms {
					bind := elf.ST_BIND(s.Info)
					if s.Section == elf.SHN_UNDEF && s.Name != "" && !defined[s.Name] && !firmware.ExportsFor(f.Machine, s.Name) {
						t.Errorf("%s imports %s, which the firmware does not export", name, s.Name)
					}
					if s.Section != elf.SHN_UNDEF && bind == elf.STB_GLOBAL && elf.ST_VISIBILITY(s.Other) != elf.STV_HIDDEN {
						t.Errorf("%s: %s is not hidden", name, s.Name)
					}
				}
			}
		})
	}
	if err := Build(context.Background(), tl.Tools, "vax", filepath.Join(t.TempDir(), "x.a")); err == nil {
		t.Error("Build accepted an unknown target")
	}
}

// The library linked into a device ELF prints the same reprs on the
// simulated core device (hard and soft float) as CPython.
func TestFloatReprOnDevice(t *testing.T) {
	tl := needTools(t)
	simTools, err := simulator.DefaultTools()
	if err != nil {
		t.Skip(err)
	}
	if _, err := exec.LookPath("qemu-riscv32"); err != nil {
		t.Skip("qemu-riscv32 not in PATH")
	}
	bits := testDoubles(2000)
	want := pythonRepr(t, bits)
	var table strings.Builder
	for _, b := range bits {
		fmt.Fprintf(&table, "0x%016xull,\n", b)
	}
	kernel := `#include <stdint.h>
void core_log(const char *fmt, ...);
int32_t __kernel_float_repr(double x, char *buf);
static const uint64_t values[] = {
` + table.String() + `};
void __modinit__(void *arg) {
	for (unsigned i = 0; i < sizeof values / sizeof values[0]; i++) {
		union { uint64_t u; double d; } v = {values[i]};
		char buf[32];
		int32_t n = __kernel_float_repr(v.d, buf);
		core_log("%.*s\n", (int)n, buf);
	}
}
`
	for _, target := range simulator.RuntimeTargets() {
		t.Run(target, func(t *testing.T) {
			dir := t.TempDir()
			lib := filepath.Join(dir, "libkernelsupport.a")
			if err := Build(context.Background(), tl.Tools, target, lib); err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(dir, "k.c"), []byte(kernel), 0o644)
			flags := append(targetFlags[target], "-O2", "-fPIC", "-ffreestanding", "-c", "k.c", "-o", "k.o")
			for _, c := range [][]string{
				append([]string{tl.Clang}, flags...),
				{tl.lld, "-shared", "--eh-frame-hdr", "-x", "--hash-style=sysv", "-o", "k.elf", "k.o", lib},
			} {
				cmd := exec.Command(c[0], c[1:]...)
				cmd.Dir = dir
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Fatalf("%v: %v\n%s", c, err, out)
				}
			}
			rt := filepath.Join(dir, "simrt")
			if err := simulator.BuildRuntimeFor(context.Background(), simTools, target, rt); err != nil {
				t.Fatal(err)
			}
			var stdout, stderr bytes.Buffer
			code, err := simulator.Run(context.Background(), simulator.Options{
				Runtime: rt, ELF: filepath.Join(dir, "k.elf"), Stdout: &stdout, Stderr: &stderr,
			})
			if code != 0 || err != nil {
				t.Fatalf("exit %d, err %v, stderr:\n%s", code, err, stderr.String())
			}
			got := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
			compare(t, bits, got, want)
		})
	}
}
