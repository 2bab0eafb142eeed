// Package artiq_real builds the lab of tools/check_artiq.sh (lab/: a
// device_db.py with a core, TTLs and an Urukul CPLD with an AD9910 channel,
// and three experiments written as ARTIQ users write them) the way the
// build does, without Bazel: `kernelc snapshot` runs the drivers'
// constructors, `kernelc run --snapshot` compiles every driver module from
// its slice and simulates the kernel (the RPC host builds the experiment
// for its method RPCs), and the output, the RTIO timeline and the
// datasets must equal the expected files.
//
// It always runs against the stand-in package examples/artiq_pkg (written
// for this project in ARTIQ's legacy style, with the same driver modules
// and constructor arguments). With ARTIQ_SOURCES set to an installed
// ARTIQ (the directory that holds artiq/), it runs against ARTIQ's own
// drivers too and compares with lab/expected/real, the output of the
// sources that rules/artiq_sources.md lists; tools/check_artiq.sh does the
// same with Bazel.
package artiq_real

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

const lab = "lab"

var experiments = []struct{ name, class string }{
	{"ttl_pulses", "TTLPulses"},
	{"dds", "DDS"},
	// Host methods and datasets from the kernel (method RPCs): the RPC
	// host builds the experiment with the drivers of pkg.
	{"rpc_counting", "RPCCounting"},
}

// runLab builds and simulates both experiments against the ARTIQ package
// at pkg and compares with the files in expected.
func runLab(t *testing.T, pkg, expected string) {
	toolbuild.RequireSimTools(t)
	for _, e := range experiments {
		e := e
		t.Run(e.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			snap := filepath.Join(dir, e.name+".snap")
			file := filepath.Join(lab, "experiments", e.name+".py")
			toolbuild.Run(t, kernelc, "snapshot", "--device-db", filepath.Join(lab, "device_db.py"), "--path", pkg, "--path", lab,
				"--module", "experiments."+e.name, file+":"+e.class, "-o", snap)
			out := filepath.Join(dir, "out")
			csv := filepath.Join(dir, "timeline.csv")
			datasets := filepath.Join(dir, "datasets.json")
			stdout := toolbuild.Run(t, kernelc, "run", "--snapshot", snap, "--path", pkg, "--path", lab, "--out-dir", out,
				"--timeline", csv, "--inputs", inputsFor(pkg, e.name),
				"--device-db", filepath.Join(lab, "device_db.py"), "--datasets-out", datasets,
				file+":"+e.class+".run")
			timeline, err := os.ReadFile(csv)
			if err != nil {
				t.Fatal(err)
			}
			wantTL, err := os.ReadFile(filepath.Join(expected, e.name+".timeline.csv"))
			if err != nil {
				t.Fatal(err)
			}
			if string(timeline) != string(wantTL) {
				t.Errorf("timeline:\n%s\nwant\n%s", timeline, wantTL)
			}
			if wantOut, err := os.ReadFile(filepath.Join(expected, e.name+".stdout")); err == nil && stdout != string(wantOut) {
				t.Errorf("output:\n%s\nwant\n%s", stdout, wantOut)
			}
			if want, err := os.ReadFile(filepath.Join(expected, e.name+".datasets.json")); err == nil {
				got, err := os.ReadFile(datasets)
				if err != nil {
					t.Fatal(err)
				}
				if string(got) != string(want) {
					t.Errorf("datasets:\n%s\nwant\n%s", got, want)
				}
			}
			// Every kernel method of the drivers compiles: only their
			// host methods that kernels cannot call (not even as RPCs:
			// they return a value without saying its type) are listed as
			// broken.
			ifaces, _ := filepath.Glob(filepath.Join(out, "artiq.coredevice.*.iface"))
			if len(ifaces) == 0 {
				t.Fatal("no driver interfaces written")
			}
			for _, p := range ifaces {
				data, _ := os.ReadFile(p)
				for _, line := range strings.Split(string(data), "\n") {
					f := strings.Fields(line)
					if len(f) < 2 {
						continue
					}
					rpcOnly := strings.HasPrefix(line, "broken "+f[1]+` error "host function `) || strings.HasPrefix(line, "broken "+f[1]+` error "host method `)
					if len(f) >= 2 && f[0] == "broken" && !rpcOnly && !artiqTypeErrors[f[1]] {
						t.Errorf("%s: %s", filepath.Base(p), line)
					}
				}
			}
		})
	}
}

// artiqTypeErrors are driver methods of ARTIQ's own sources that ARTIQ's
// compiler rejects as well, so that only a kernel calling them fails:
// ARTIQ 7's AD9910.tune_io_update_delay is declared -> TInt32 but returns
// an int64 (its loop variable ranges over a host int that
// measure_io_update_alignment's TInt64 parameters make int64).
var artiqTypeErrors = map[string]bool{"AD9910.tune_io_update_delay": true}

// inputsFor returns the RTIO input events of an experiment. The DDS's
// read-backs include the Urukul CPLD's protocol revision, which must be
// the one the driver expects: 8 for urukul.py up to ARTIQ 8, 9 (its
// default) for the urukul.py with ProtoRev8/ProtoRev9 classes.
func inputsFor(pkg, name string) string {
	p := filepath.Join(lab, "experiments", name+".inputs.csv")
	if name != "dds" {
		return p
	}
	src, _ := os.ReadFile(filepath.Join(pkg, "artiq", "coredevice", "urukul.py"))
	if strings.Contains(string(src), "class ProtoRev9") {
		return filepath.Join(lab, "experiments", "dds.inputs.protorev9.csv")
	}
	return p
}

// The lab on the stand-in package: the same experiments and device
// database, the stand-in's own drivers.
func TestLabOnStandIn(t *testing.T) {
	runLab(t, "../../examples/artiq_pkg", filepath.Join(lab, "expected", "standin"))
}

// The lab on an installed ARTIQ (ARTIQ_SOURCES=/path/to/site-packages).
func TestLabOnARTIQ(t *testing.T) {
	src := os.Getenv("ARTIQ_SOURCES")
	if src == "" {
		t.Skip("ARTIQ_SOURCES is not set (the directory that holds an installed artiq package)")
	}
	if filepath.Base(src) == "artiq" {
		src = filepath.Dir(src)
	}
	if _, err := os.Stat(filepath.Join(src, "artiq", "coredevice", "ad9910.py")); err != nil {
		t.Fatalf("ARTIQ_SOURCES=%s: %v", src, err)
	}
	expected := os.Getenv("ARTIQ_EXPECTED")
	if expected == "" {
		expected = filepath.Join(lab, "expected", "real")
	}
	runLab(t, src, expected)
}
