// Package artiq_test builds the example lab that uses ARTIQ's drivers
// (examples/artiq_lab, against the stand-in installation
// examples/artiq_pkg) the way the build does, without Bazel: each
// experiment is frozen with `kernelc snapshot` (the drivers' constructors
// run in the snapshot evaluator) and run with `kernelc run --snapshot`
// (every driver module compiled from its own slice), and its output and
// RTIO timeline must equal the expected files that the Bazel kernel_tests
// (//examples/artiq_lab/experiments) check too. It also checks the
// drivers' interfaces: the whole legacy surface of the drivers compiles,
// no kernel method is broken.
package artiq_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rules-artiq/rules_artiq/tests/toolbuild"
)

var kernelc string

func TestMain(m *testing.M) {
	toolbuild.Main(m, map[*string]string{&kernelc: "../../compiler/cmd/kernelc"})
}

const (
	pkg = "../../examples/artiq_pkg"
	lab = "../../examples/artiq_lab"
)

// experiments are the lab's experiments: file, class, module, arguments
// (as the BUILD file's kernel_snapshot gives them).
var experiments = []struct {
	name, class string
	args        []string
	invariants  []string
}{
	{"ttl_counting", "TTLCounting", []string{"n_points=3"},
		[]string{"self.n_points", "self.gate_margin_mu", "self.t_step", "ttl4.gate_latency_mu", "core.ref_period"}},
	{"dds_spi", "DDSScan", nil,
		[]string{"self.n_steps", "self.amplitude", "dds0.div", "dds0.ftw_per_hz", "spi_dds.ref_period_mu"}},
}

func TestArtiqLab(t *testing.T) {
	toolbuild.RequireSimTools(t)
	for _, e := range experiments {
		e := e
		t.Run(e.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			snap := filepath.Join(dir, e.name+".snap")
			file := filepath.Join(lab, "experiments", e.name+".py")
			args := []string{"snapshot", "--device-db", filepath.Join(lab, "device_db.py"),
				"--path", pkg, "--path", lab, "--module", "experiments." + e.name}
			for _, a := range e.args {
				args = append(args, "--arg", a)
			}
			toolbuild.Run(t, kernelc, append(args, file+":"+e.class, "-o", snap)...)
			// kernel_invariants as ARTIQ code writes them: class sets,
			// instance sets, .add() in build(), |= in prepare().
			data, err := os.ReadFile(snap)
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range e.invariants {
				if !strings.Contains(string(data), "\nattr "+want+" invariant ") {
					t.Errorf("the snapshot lacks the invariant %s:\n%s", want, data)
				}
			}
			out := filepath.Join(dir, "out")
			csv := filepath.Join(dir, "timeline.csv")
			run := []string{"run", "--snapshot", snap, "--path", pkg, "--path", lab, "--out-dir", out, "--timeline", csv}
			// The PMT's photons, as the kernel_test feeds them.
			if inputs := filepath.Join(lab, "experiments", e.name+".inputs.csv"); fileExists(inputs) {
				run = append(run, "--inputs", inputs)
			}
			stdout := toolbuild.Run(t, kernelc, append(run, file+":"+e.class+".run")...)
			timeline, err := os.ReadFile(csv)
			if err != nil {
				t.Fatal(err)
			}
			wantOut, _ := os.ReadFile(filepath.Join(lab, "experiments", e.name+".stdout"))
			wantTL, _ := os.ReadFile(filepath.Join(lab, "experiments", e.name+".timeline.csv"))
			if stdout != string(wantOut) {
				t.Errorf("output:\n%s\nwant\n%s", stdout, wantOut)
			}
			if string(timeline) != string(wantTL) {
				t.Errorf("timeline:\n%s\nwant\n%s", timeline, wantTL)
			}
			// Every kernel method of the drivers compiles: only host
			// methods that kernels cannot call (not even as RPCs) are
			// listed as broken.
			ifaces, _ := filepath.Glob(filepath.Join(out, "artiq.coredevice.*.iface"))
			if len(ifaces) == 0 {
				t.Fatal("no driver interfaces written")
			}
			for _, p := range ifaces {
				data, _ := os.ReadFile(p)
				for _, line := range strings.Split(string(data), "\n") {
					f := strings.Fields(line)
					if len(f) < 2 || f[0] != "broken" {
						continue
					}
					// A host method without an RPC form (it returns a value
					// without saying its type), listed for importers'
					// diagnostics.
					if strings.HasPrefix(line, "broken "+f[1]+` error "host function `) ||
						strings.HasPrefix(line, "broken "+f[1]+` error "host method `) {
						continue
					}
					t.Errorf("%s: %s", filepath.Base(p), line)
				}
			}
		})
	}
}

// The drivers compile as plain kernel libraries too (what @artiq's
// kernel_library targets do, without a snapshot): their host code is
// skipped, their syscalls and constants are exported.
func TestDriversCompileAsLibraries(t *testing.T) {
	toolbuild.RequireSimTools(t)
	dir := t.TempDir()
	order := []string{"rtio", "core", "ttl", "spi2", "ad99xx", "urukul", "ad9910"}
	ifaces := map[string]string{}
	for _, m := range order {
		module := "artiq.coredevice." + m
		args := []string{"compile", "--module", module}
		for dep, p := range ifaces {
			args = append(args, "--iface", dep+"="+p)
		}
		ifaces[module] = filepath.Join(dir, m+".iface")
		args = append(args, "--out-archive", filepath.Join(dir, m+".a"), "--out-iface", ifaces[module],
			filepath.Join(pkg, "artiq", "coredevice", m+".py"))
		toolbuild.Run(t, kernelc, args...)
	}
	for m, want := range map[string]string{
		"rtio":   "syscall rtio_input_timestamp(timeout_mu: int64, channel: int32) -> int64\n",
		"spi2":   "const SPI_END: int32 = 2\n",
		"ad99xx": "const SPI_CONFIG: int32 = 2\n",
		"core":   "syscall rtio_init() -> None\n",
		"urukul": "func sta_pll_lock(sta: ~int32) -> int32\n",
		"ad9910": "const REG_RAM: int32 = 22\n",
	} {
		data, err := os.ReadFile(filepath.Join(dir, m+".iface"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), want) {
			t.Errorf("%s interface lacks %q:\n%s", m, want, data)
		}
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
